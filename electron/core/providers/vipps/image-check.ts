/** What the image rules of Order Management say about an upload's bytes, or null when it passes (PNG or JPEG, ≤ 2 MB, height ≥ 167 px). */
export function imageProblem(bytes: Buffer): string | null {
  if (bytes.length === 0) return 'src is not base64 image data'
  if (bytes.length > 2 * 1024 * 1024) return 'the image is larger than 2 MB'
  const height = pngHeight(bytes) ?? jpegHeight(bytes)
  if (height === undefined) return 'the image is neither PNG nor JPEG'
  if (height < 167) return `the image is ${height} px high; it must be at least 167 px`
  return null
}

function pngHeight(bytes: Buffer): number | undefined {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return undefined
  return bytes.readUInt32BE(20)
}

/** The height in the first start-of-frame marker of a JPEG. */
function jpegHeight(bytes: Buffer): number | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined
    const marker = bytes[at + 1] ?? 0
    const length = bytes.readUInt16BE(at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return bytes.readUInt16BE(at + 5)
    at += 2 + length
  }
  return undefined
}
