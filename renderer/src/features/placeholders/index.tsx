import { defineScreen } from '../../app/screen-entry'
import { PlannedScreen } from './PlannedScreen'

export const historyScreen = defineScreen({ id: 'history', title: 'nav.history', Screen: () => <PlannedScreen title="nav.history" purpose="planned.history" /> })
