/**
 * Order Management's image rules, as its documentation states them (PNG or JPEG, at least 167 px
 * high, at most 2 MB), read here on their own: the simulator does not borrow the till's check,
 * so a mistake in the till's is one it can catch. Null when the image is taken.
 */
export function imageRefusal(bytes: Buffer): string | null {
  const MAX_BYTES = 2 * 1024 * 1024
  const MIN_HEIGHT = 167
  if (bytes.length === 0) return 'src is not base64 image data'
  if (bytes.length > MAX_BYTES) return 'the image is larger than 2 MB'
  const height = isPng(bytes) ? bytes.readUInt32BE(20) : isJpeg(bytes) ? jpegFrameHeight(bytes) : null
  if (height === null) return 'the image is neither PNG nor JPEG'
  return height >= MIN_HEIGHT ? null : `the image is ${height} px high; it must be at least ${MIN_HEIGHT} px`
}

const PNG_MAGIC = '89504e470d0a1a0a'

/** A PNG starts with its eight magic bytes, then the IHDR chunk (width at 16, height at 20). */
function isPng(bytes: Buffer): boolean {
  return bytes.length >= 24 && bytes.toString('hex', 0, 8) === PNG_MAGIC && bytes.toString('latin1', 12, 16) === 'IHDR'
}

function isJpeg(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.readUInt16BE(0) === 0xffd8
}

/** Segments follow the start-of-image marker, each a marker and its length; the first start-of-frame (SOF0–SOF15 but DHT, JPG and DAC) holds the height. */
function jpegFrameHeight(bytes: Buffer): number | null {
  const notFrames = new Set([0xc4, 0xc8, 0xcc])
  for (let offset = 2; offset + 4 <= bytes.length;) {
    if (bytes.readUInt8(offset) !== 0xff) return null
    const marker = bytes.readUInt8(offset + 1)
    const length = bytes.readUInt16BE(offset + 2)
    const isFrame = marker >= 0xc0 && marker <= 0xcf && !notFrames.has(marker)
    if (isFrame) return offset + 7 <= bytes.length ? bytes.readUInt16BE(offset + 5) : null
    offset += 2 + length
  }
  return null
}
