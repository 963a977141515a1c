import type { MenuItemConstructorOptions } from 'electron'

/**
 * The application menu. A packaged till has no DevTools, no Reload and no zoom reset that could
 * lose a cashier's work; a developer's build keeps them.
 */
export function menuTemplate(options: { packaged: boolean; platform: NodeJS.Platform }): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin'
  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [{ label: 'Till', submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { type: 'separator' }, { role: 'quit' }] } satisfies MenuItemConstructorOptions]
      : []),
    { label: 'File', submenu: [mac ? { role: 'close' } : { role: 'quit' }] },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, { type: 'separator' }, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'togglefullscreen' }] }
  ]
  if (!options.packaged) template.push({ label: 'Develop', submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] })
  return template
}
