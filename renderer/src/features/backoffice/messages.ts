import { defineMessages } from '../../i18n/define'

export const backofficeMessages = defineMessages({
  en: {
    'backoffice.title': 'Back office',
    'backoffice.intro':
      'Every till of the chain reports what it did to one back office, for store managers and head office. Head office gives you its address and a one-time enrolment code for this store.',
    'backoffice.url': 'Back office address',
    'backoffice.code': 'Enrolment code',
    'backoffice.name': 'Name of this till (optional)',
    'backoffice.enrol': 'Enrol this till',
    'backoffice.enrolled': 'This till is enrolled with {store}.',
    'backoffice.envOnly': 'This host keeps no secret on disk: to keep sending after a restart, set TILL_BACKOFFICE_URL and TILL_BACKOFFICE_KEY (ask head office for the key, or enrol again).',
    'backoffice.retry': 'Send again',
    'backoffice.notEnrolled': 'Not enrolled with a back office yet ({waiting, plural, one {# event waits} other {# events wait}}). A manager enrols the till in Settings → Back office.',
    'backoffice.state.reached': 'Reporting to the back office of {store}.',
    'backoffice.state.unreached': 'The back office at {url} cannot be reached now; nothing is lost, the till keeps trying.',
    'backoffice.state.stopped': 'The back office refused this till’s reports: a manager must act.',
    'backoffice.nothingWaits': 'Nothing waits.',
    'backoffice.waiting': '{waiting, plural, one {# event waits} other {# events wait}}, the oldest for {minutes} min.'
  },
  vi: {
    'backoffice.title': 'Văn phòng',
    'backoffice.intro':
      'Mọi máy thu ngân trong chuỗi báo cáo những gì đã làm về một văn phòng, cho quản lý cửa hàng và văn phòng chính. Văn phòng chính đưa cho bạn địa chỉ và một mã đăng ký dùng một lần cho cửa hàng này.',
    'backoffice.url': 'Địa chỉ văn phòng',
    'backoffice.code': 'Mã đăng ký',
    'backoffice.name': 'Tên máy thu ngân này (không bắt buộc)',
    'backoffice.enrol': 'Đăng ký máy này',
    'backoffice.enrolled': 'Máy này đã đăng ký với {store}.',
    'backoffice.envOnly':
      'Máy chủ này không lưu bí mật trên đĩa: để tiếp tục gửi sau khi khởi động lại, hãy đặt TILL_BACKOFFICE_URL và TILL_BACKOFFICE_KEY (xin khóa từ văn phòng chính, hoặc đăng ký lại).',
    'backoffice.retry': 'Gửi lại',
    'backoffice.notEnrolled': 'Chưa đăng ký với văn phòng ({waiting, plural, other {# sự kiện đang chờ}}). Quản lý đăng ký máy trong Cài đặt → Văn phòng.',
    'backoffice.state.reached': 'Đang báo cáo về văn phòng của {store}.',
    'backoffice.state.unreached': 'Hiện không kết nối được văn phòng tại {url}; không mất gì, máy tiếp tục thử.',
    'backoffice.state.stopped': 'Văn phòng đã từ chối báo cáo của máy này: quản lý cần xử lý.',
    'backoffice.nothingWaits': 'Không có gì đang chờ.',
    'backoffice.waiting': '{waiting, plural, other {# sự kiện đang chờ}}, lâu nhất {minutes} phút.'
  }
})
