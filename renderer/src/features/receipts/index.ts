import { defineScreen } from '../../app/screen-entry'
import { ReceiptsScreen } from './ReceiptsScreen'

export const receiptsScreen = defineScreen({ id: 'receipts', title: 'nav.receipts', Screen: ReceiptsScreen })
