import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { VoucherProblemSchema, type VoucherProblem } from '../../../../shared/domain/redeem'
import type { Logger } from '../../log/logger'
import { faceValue } from './map'
import type { WireResponse, WireVoucherItem } from './wire'

/** What a refusal means for the till: a reason about one voucher, or about the whole request. */
export const RefusalSchema = z.enum([...VoucherProblemSchema.options, 'invalid_store_pin', 'too_many_codes', 'bad_request'])
export type Refusal = z.infer<typeof RefusalSchema>

export interface Classification {
  refusal: Refusal
  /** What decided it, for the call log and support. */
  by: 'code_table' | 'state' | 'fields' | 'message' | 'code_words' | 'nothing'
}

/** IT's table of Got It return codes, in the data folder: `{ "1009": "not_for_this_store", … }`. */
export const CODE_TABLE_FILE = 'gotit-return-codes.json'
const CodeTableSchema = z.record(z.string().min(1).max(64), RefusalSchema)

const stateRefusals: Partial<Record<number, VoucherProblem>> = { 0: 'inactive', 4: 'used', 8: 'expired', 9: 'cancelled', 10: 'split', 11: 'reserved_other' }

/**
 * Words Got It's messages use, English and Vietnamese, most specific first. The list of return
 * codes is not public (docs/providers/gotit.md §7), so the messages are the next best witness.
 */
const messageRules: [Refusal | 'not_held', RegExp][] = [
  ['invalid_store_pin', /\bpin\b/],
  ['too_many_codes', /too many|more codes than|quá nhiều mã/],
  ['bad_request', /invalid request|missing field|is missing|yêu cầu (không hợp lệ|thiếu)/],
  ['not_for_this_store', /(at|for|in) this (store|shop|merchant|brand)|not applicable|không (áp dụng|dùng được|sử dụng được) (tại|cho|ở)/],
  ['conditions_not_met', /condition|rules|điều kiện/],
  ['not_held', /not (held|reserved)|chưa được giữ/],
  ['reserved_other', /reserved|held for|đang được giữ|đã được giữ/],
  ['used', /already (used|redeemed)|has been (used|redeemed)|was (used|redeemed)|đã (được )?sử dụng|đã dùng/],
  ['expired', /expired|out of date|hết hạn/],
  ['cancelled', /cancel|revoked|đã bị hủy|thu hồi/],
  ['inactive', /not (yet )?activ|not active|chưa (được )?kích hoạt/],
  ['split', /split|divided|đã được tách|chia nhỏ/],
  ['not_found', /not found|does not exist|no such|không tìm thấy|không tồn tại/],
  ['invalid_format', /format|malformed|invalid (e-?voucher |voucher )?code|sai định dạng|không hợp lệ/]
]

const codeWordRules: [Refusal, RegExp][] = [
  ['invalid_store_pin', /PIN/],
  ['too_many_codes', /TOO_MANY|LIMIT/],
  ['conditions_not_met', /CONDITION/],
  ['not_for_this_store', /MERCHANT|NOT_ALLOWED|APPLICABLE/],
  ['invalid_format', /FORMAT/],
  ['not_found', /NOT_FOUND/]
]

/**
 * Classifies a Got It refusal from everything the answer says: IT's code table first (they may
 * know Got It's real codes), then the voucher's state and fields, then the messages in both
 * languages, then words in the code, else a plain refusal.
 */
export class RefusalClassifier {
  private table: Record<string, Refusal> = {}
  private tableStamp = ''

  constructor(
    private readonly dataDir: string,
    private readonly log: Logger
  ) {}

  classify(response: WireResponse, item: WireVoucherItem | undefined, today: string): Classification {
    const code = response.return_code ?? ''
    const fromTable = this.codeTable()[code]
    if (fromTable) return { refusal: fromTable, by: 'code_table' }
    if (item) {
      const byState = item.state === null || item.state === undefined ? undefined : stateRefusals[item.state]
      if (byState) return { refusal: byState, by: 'state' }
      if (item.expiry_date && item.expiry_date < today) return { refusal: 'expired', by: 'fields' }
    }
    const words = `${response.message_en ?? ''} \n ${response.message_vi ?? ''}`.toLowerCase()
    for (const [refusal, pattern] of messageRules) {
      if (pattern.test(words)) return refusal === 'not_held' ? { refusal: 'refused', by: 'message' } : { refusal, by: 'message' }
    }
    if (item && (item.state === null || item.state === undefined) && faceValue(item) === null) {
      return { refusal: item.code.length < 10 || item.code.length > 16 ? 'invalid_format' : 'not_found', by: 'fields' }
    }
    for (const [refusal, pattern] of codeWordRules) if (pattern.test(code.toUpperCase())) return { refusal, by: 'code_words' }
    return { refusal: 'refused', by: 'nothing' }
  }

  /** IT's table, read again whenever the file changes; a broken file is reported and ignored, never fatal. */
  private codeTable(): Record<string, Refusal> {
    const file = join(this.dataDir, CODE_TABLE_FILE)
    if (!existsSync(file)) {
      this.table = {}
      this.tableStamp = ''
      return this.table
    }
    try {
      const stat = statSync(file)
      const stamp = `${stat.mtimeMs}:${stat.size}`
      if (stamp === this.tableStamp) return this.table
      this.tableStamp = stamp
      const parsed = CodeTableSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')))
      if (!parsed.success) {
        this.log.warn(`${CODE_TABLE_FILE} is ignored: ${z.prettifyError(parsed.error).replace(/\n/g, ' ')}`)
        this.table = {}
      } else {
        this.table = parsed.data
        this.log.info(`${CODE_TABLE_FILE} loaded`, { codes: Object.keys(parsed.data).length })
      }
    } catch (error) {
      this.log.warn(`${CODE_TABLE_FILE} is ignored: ${error instanceof Error ? error.message : String(error)}`)
      this.table = {}
    }
    return this.table
  }
}
