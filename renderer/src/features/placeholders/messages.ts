import { defineMessages } from '../../i18n/define'

/** Words of the screens still to come. */
export const plannedMessages = defineMessages({
  en: {
    'nav.payments': 'Payments',
    'nav.history': 'History',
    'planned.payments': 'Look up Juspay payments, refunds and mandates.',
    'planned.history': 'What was redeemed and sold, for store managers.',
    'planned.note': 'This screen is part of the till and arrives in a later release.'
  },
  vi: {
    'nav.payments': 'Thanh toán',
    'nav.history': 'Lịch sử',
    'planned.payments': 'Tra cứu thanh toán, hoàn tiền và ủy quyền Juspay.',
    'planned.history': 'Những gì đã được đổi và bán, dành cho quản lý cửa hàng.',
    'planned.note': 'Màn hình này thuộc máy thu ngân và sẽ có trong bản phát hành sau.'
  }
})
