import { defineMessages } from '../../i18n/define'

export const trainingMessages = defineMessages({
  en: {
    'training.practiceTitle': 'Practise with {provider}',
    'training.practiceList': 'Practice cases at {provider}',
    'training.outage': 'Pretend {provider} is down (training only)',
    'training.outageOn': '{provider} pretends to be down: practise what the till does, then turn it off.',
    'training.statement': 'Download {provider}’s practice statement (for reconciling at the back office)',
    'training.statementSaved': '{file}: {count, plural, =0 {no line yet} one {one line} other {# lines}}, from what this till did in training.'
  },
  vi: {
    'training.practiceTitle': 'Luyện tập với {provider}',
    'training.practiceList': 'Các trường hợp luyện tập tại {provider}',
    'training.outage': 'Giả lập {provider} mất kết nối (chỉ khi luyện tập)',
    'training.outageOn': '{provider} đang giả lập mất kết nối: hãy luyện tập cách máy xử lý, rồi tắt đi.',
    'training.statement': 'Tải bảng kê luyện tập của {provider} (để đối soát ở văn phòng)',
    'training.statementSaved': '{file}: {count} dòng, từ những gì máy này đã làm khi luyện tập.'
  }
})
