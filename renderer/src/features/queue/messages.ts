import { defineMessages } from '../../i18n/define'

/** Words of the Queue screen. */
export const queueMessages = defineMessages({
  en: {
    'nav.queue': 'Queue',
    'queue.empty': "Everything is settled with the providers.",
    'queue.what': "Operation",
    'queue.state': "State",
    'queue.age': "Age",
    'queue.attempts': "Attempts",
    'queue.lastError': "Last error",
    'queue.retry': "Retry now",
    'queue.resolve': "Resolve",
    'queue.note': "Note for the audit log",
    'queue.outcome': "Outcome",
    'queue.outcome.succeeded': "It went through",
    'queue.outcome.rejected': "It did not go through",
    'queue.minutes': "{n} min",
    'queue.hours': "{n} h",
    'queue.state.pending': "waiting to be sent",
    'queue.state.sending': "being sent",
    'queue.state.unknown': "being verified",
    'queue.state.needs_review': "needs a manager",
    'queue.state.succeeded': "done",
    'queue.state.rejected': "refused"
  },
  vi: {
    'nav.queue': 'Hàng chờ',
    'queue.empty': "Mọi thao tác đã được đối soát với nhà cung cấp.",
    'queue.what': "Thao tác",
    'queue.state': "Trạng thái",
    'queue.age': "Thời gian chờ",
    'queue.attempts': "Số lần thử",
    'queue.lastError': "Lỗi gần nhất",
    'queue.retry': "Thử lại ngay",
    'queue.resolve': "Xử lý",
    'queue.note': "Ghi chú cho nhật ký kiểm tra",
    'queue.outcome': "Kết quả",
    'queue.outcome.succeeded': "Đã thành công",
    'queue.outcome.rejected': "Không thành công",
    'queue.minutes': "{n} phút",
    'queue.hours': "{n} giờ",
    'queue.state.pending': "đang chờ gửi",
    'queue.state.sending': "đang gửi",
    'queue.state.unknown': "đang kiểm tra lại",
    'queue.state.needs_review': "cần quản lý",
    'queue.state.succeeded': "xong",
    'queue.state.rejected': "bị từ chối"
  }
})
