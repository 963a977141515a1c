import { defineScreen } from '../../app/screen-entry'
import { SettingsScreen } from './SettingsScreen'

export const settingsScreen = defineScreen({ id: 'settings', title: 'nav.settings', Screen: SettingsScreen })
