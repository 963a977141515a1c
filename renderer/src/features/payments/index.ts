import { defineScreen } from '../../app/screen-entry'
import { PaymentsScreen } from './PaymentsScreen'

export const paymentsScreen = defineScreen({ id: 'payments', title: 'nav.payments', Screen: PaymentsScreen })
