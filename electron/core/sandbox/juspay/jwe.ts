import { constants, createCipheriv, createDecipheriv, createSign, createVerify, privateDecrypt, publicEncrypt, randomBytes, type KeyLike } from 'node:crypto'
import { z } from 'zod'

/** Juspay's encrypted API variant (`/v4/…`): a JWS signed by the sender, inside a JWE for the receiver, both as JSON of base64url parts. */
const JweSchema = z.object({ header: z.string(), encryptedKey: z.string(), iv: z.string(), encryptedPayload: z.string(), tag: z.string() })
const JwsSchema = z.object({ header: z.string(), payload: z.string(), signature: z.string() })
const HeaderSchema = z.object({ alg: z.string(), enc: z.string().optional(), kid: z.string().optional() }).loose()

const b64url = (bytes: Buffer): string => bytes.toString('base64url')
const fromB64url = (text: string): Buffer => Buffer.from(text, 'base64url')

export class JweError extends Error {}

/** Opens what a merchant sent: decrypts with Juspay's private key (the header's alg picks OAEP's hash), then checks the merchant's signature. */
export function openJwe(body: unknown, juspayPrivateKey: KeyLike, merchantPublicKey: KeyLike): string {
  const jwe = JweSchema.safeParse(body)
  if (!jwe.success) throw new JweError('the body is not a JWE')
  const header = HeaderSchema.safeParse(JSON.parse(fromB64url(jwe.data.header).toString('utf8')))
  if (!header.success || !['RSA-OAEP', 'RSA-OAEP-256'].includes(header.data.alg) || header.data.enc !== 'A256GCM') throw new JweError('unsupported JWE header')
  let plain: string
  try {
    const cek = privateDecrypt(
      { key: juspayPrivateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: header.data.alg === 'RSA-OAEP-256' ? 'sha256' : 'sha1' },
      fromB64url(jwe.data.encryptedKey)
    )
    const decipher = createDecipheriv('aes-256-gcm', cek, fromB64url(jwe.data.iv))
    decipher.setAAD(Buffer.from(jwe.data.header))
    decipher.setAuthTag(fromB64url(jwe.data.tag))
    plain = Buffer.concat([decipher.update(fromB64url(jwe.data.encryptedPayload)), decipher.final()]).toString('utf8')
  } catch {
    throw new JweError('the JWE could not be decrypted')
  }
  const jws = JwsSchema.safeParse(JSON.parse(plain))
  if (!jws.success) throw new JweError('the JWE does not hold a JWS')
  const verifier = createVerify('RSA-SHA256')
  verifier.update(`${jws.data.header}.${jws.data.payload}`)
  if (!verifier.verify(merchantPublicKey, fromB64url(jws.data.signature))) throw new JweError('the signature does not verify')
  return fromB64url(jws.data.payload).toString('utf8')
}

/** Seals Juspay's answer for the merchant: signed with Juspay's key, encrypted (RSA-OAEP-256, A256GCM) to the merchant's public key. */
export function sealJwe(payload: string, keyId: string, juspayPrivateKey: KeyLike, merchantPublicKey: KeyLike): z.infer<typeof JweSchema> {
  const jwsHeader = b64url(Buffer.from(JSON.stringify({ alg: 'RS256', kid: keyId })))
  const jwsPayload = b64url(Buffer.from(payload))
  const signer = createSign('RSA-SHA256')
  signer.update(`${jwsHeader}.${jwsPayload}`)
  const jws = JSON.stringify({ header: jwsHeader, payload: jwsPayload, signature: b64url(signer.sign(juspayPrivateKey)) })
  const header = b64url(Buffer.from(JSON.stringify({ alg: 'RSA-OAEP-256', enc: 'A256GCM', cty: 'JWT', kid: keyId })))
  const cek = randomBytes(32)
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', cek, iv)
  cipher.setAAD(Buffer.from(header))
  const encrypted = Buffer.concat([cipher.update(jws), cipher.final()])
  return {
    header,
    encryptedKey: b64url(publicEncrypt({ key: merchantPublicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, cek)),
    iv: b64url(iv),
    encryptedPayload: b64url(encrypted),
    tag: b64url(cipher.getAuthTag())
  }
}
