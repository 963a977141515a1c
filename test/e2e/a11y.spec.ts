import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Every screen of the navigation, reached as a cashier would with Alt+1 … Alt+7, in either language. */
const SCREENS = [1, 2, 3, 4, 5, 6, 7] as const

/** Serious and critical findings of axe-core on the page as it is, described for the failure message. */
async function seriousFindings(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze()
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`
    )
}

/** Every control a finger taps that is smaller than 44 × 44 px (a radio or checkbox counts with its label). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = []
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('button, select, a[href], input:not([type=hidden]), summary, [role=tab]'))) {
      const style = getComputedStyle(element)
      if (style.visibility === 'hidden' || style.display === 'none' || element.closest('[hidden], .visually-hidden')) continue
      const target = element instanceof HTMLInputElement && (element.type === 'radio' || element.type === 'checkbox') ? (element.closest('label') ?? element) : element
      const box = target.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.width < 44 || box.height < 44)
        small.push(`${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`)
    }
    return small
  })
}

test.use({ viewport: { width: 1024, height: 768 } })

for (const language of ['en', 'vi'] as const) {
  test(`every screen has no serious or critical accessibility finding, and no small tap target (${language})`, async ({ page, till }) => {
    test.setTimeout(120_000)
    await till.staff()
    await till.rpc('prefs:setLanguage', { language })
    await page.goto(till.url)
    const findings: string[] = []
    const small: string[] = []
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    for (const n of SCREENS) {
      await page.keyboard.press(`Alt+${n}`)
      await expect(
        page
          .getByRole('navigation')
          .getByRole('button')
          .nth(n - 1)
      ).toHaveAttribute('aria-current', 'page')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      const name = (await page.getByRole('heading', { level: 1 }).textContent()) ?? String(n)
      findings.push(...(await seriousFindings(page)).map((f) => `${name}: ${f}`))
      small.push(...(await smallTargets(page)).map((f) => `${name}: ${f}`))
    }
    await till.rpc('auth:signOut')
    await page.reload()
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
    findings.push(...(await seriousFindings(page)).map((f) => `sign-in: ${f}`))
    small.push(...(await smallTargets(page)).map((f) => `sign-in: ${f}`))
    expect(findings).toEqual([])
    expect(small).toEqual([])
  })
}
