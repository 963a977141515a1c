import { defineScreen } from '../../app/screen-entry'
import { PlannedScreen } from './PlannedScreen'

export const paymentsScreen = defineScreen({ id: 'payments', title: 'nav.payments', Screen: () => <PlannedScreen title="nav.payments" purpose="planned.payments" /> })
export const historyScreen = defineScreen({ id: 'history', title: 'nav.history', Screen: () => <PlannedScreen title="nav.history" purpose="planned.history" /> })
