import { defineScreen } from '../../app/screen-entry'
import { QueueScreen } from './QueueScreen'

export const queueScreen = defineScreen({ id: 'queue', title: 'nav.queue', Screen: QueueScreen })
