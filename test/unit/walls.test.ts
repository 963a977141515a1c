import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

// The rooms (README, Working on the code) are kept apart by eslint.config.mjs; these prove the rule bites.
const eslint = new ESLint({ cwd: process.cwd() })

async function wallErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath })
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message)
}

describe('walls between rooms', () => {
  it('refuses electron in the core and in shared', async () => {
    expect(await wallErrors('electron/core/sneaky.ts', "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
    expect(await wallErrors('shared/sneaky.ts', "import { app } from 'electron'\nexport const a = app\n")).toHaveLength(1)
  })

  it('refuses shared reaching into electron/ or renderer/, or into Node', async () => {
    expect(await wallErrors('shared/ipc/sneaky.ts', "import { createCore } from '../../electron/core/core'\nexport const a = createCore\n")).toHaveLength(1)
    expect(await wallErrors('shared/sneaky.ts', "import { App } from '../renderer/src/app/App'\nexport const a = App\n")).toHaveLength(1)
    expect(await wallErrors('shared/sneaky.ts', "import { readFileSync } from 'node:fs'\nexport const a = readFileSync\n")).toHaveLength(1)
  })

  it('refuses the core reaching into the Electron hosts, and the renderer reaching into electron/', async () => {
    expect(await wallErrors('electron/core/sneaky.ts', "import { registerContractIpc } from '../main/ipc'\nexport const a = registerContractIpc\n")).toHaveLength(1)
    expect(await wallErrors('renderer/src/sneaky.ts', "import { createCore } from '../../electron/core/core'\nexport const a = createCore\n")).toHaveLength(1)
  })

  it('lets the Electron hosts import electron and the core', async () => {
    expect(await wallErrors('electron/main/fine.ts', "import { app } from 'electron'\nimport { createCore } from '../core/core'\nexport const a = [app, createCore]\n")).toEqual([])
    expect(await wallErrors('electron/preload/fine.ts', "import { contextBridge } from 'electron'\nexport const a = contextBridge\n")).toEqual([])
  })

  it('keeps training apart: product code reaches the simulators only through the training loader, and a simulator imports nothing of the providers', async () => {
    expect(await wallErrors('electron/core/providers/gotit/sneaky.ts', "import { startGotItSimulator } from '../../sandbox/gotit'\nexport const a = startGotItSimulator\n")).toHaveLength(1)
    expect(await wallErrors('electron/core/features/sneaky.ts', "import { TRAINING_PIN } from '../sandbox/gotit/fixtures'\nexport const a = TRAINING_PIN\n")).toHaveLength(1)
    expect(await wallErrors('electron/core/providers/gotit/fine.ts', "import { startTrainingGotIt } from '../../training/simulators'\nexport const a = startTrainingGotIt\n")).toEqual([])
    expect(await wallErrors('electron/core/training/simulators.ts', "import { startGotItSimulator } from '../sandbox/gotit'\nexport const a = startGotItSimulator\n")).toEqual([])
    expect(await wallErrors('electron/core/sandbox/vipps/sneaky.ts', "import { imageProblem } from '../../providers/vipps/image-check'\nexport const a = imageProblem\n")).toHaveLength(1)
    expect(await wallErrors('electron/core/sandbox/gotit/fine.ts', "import { GOTIT_PATH_PREFIX } from '../../../../shared/wire/gotit'\nexport const a = GOTIT_PATH_PREFIX\n")).toEqual([])
  })
})
