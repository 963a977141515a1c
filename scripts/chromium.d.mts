export declare const SYSTEM_CHROMIUM: string
export interface ChromiumIo {
  env: Record<string, string | undefined>
  exists(path: string): boolean
  install(): boolean
  playwrightHas(): boolean
}
export declare function resolveChromium(io: ChromiumIo): { executablePath: string | null; problem: string | null; note: string | null }
