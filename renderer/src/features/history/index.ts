import { defineScreen } from '../../app/screen-entry'
import { HistoryScreen } from './HistoryScreen'

export const historyScreen = defineScreen({ id: 'history', title: 'nav.history', Screen: HistoryScreen })
