import { defineMessages } from '../../i18n/define'

/** Words of the screens still to come. */
export const plannedMessages = defineMessages({
  en: {
    'nav.history': 'History',
    'planned.history': 'What was redeemed and sold, for store managers.',
    'planned.note': 'This screen is part of the till and arrives in a later release.'
  },
  vi: {
    'nav.history': 'Lịch sử',
    'planned.history': 'Những gì đã được đổi và bán, dành cho quản lý cửa hàng.',
    'planned.note': 'Màn hình này thuộc máy thu ngân và sẽ có trong bản phát hành sau.'
  }
})
