import { defineMessages } from '../../i18n/define'

export const trainingMessages = defineMessages({
  en: {
    'training.practiceTitle': 'Practise with {provider}',
    'training.practiceList': 'Practice cases at {provider}',
    'training.outage': 'Pretend {provider} is down (training only)',
    'training.outageOn': '{provider} pretends to be down: practise what the till does, then turn it off.'
  },
  vi: {
    'training.practiceTitle': 'Luyện tập với {provider}',
    'training.practiceList': 'Các trường hợp luyện tập tại {provider}',
    'training.outage': 'Giả lập {provider} mất kết nối (chỉ khi luyện tập)',
    'training.outageOn': '{provider} đang giả lập mất kết nối: hãy luyện tập cách máy xử lý, rồi tắt đi.'
  }
})
