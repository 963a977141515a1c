import { defineMessages } from '../../i18n/define'

/** Words of the first-run, sign-in and lock screens. */
export const authMessages = defineMessages({
  en: {
    'auth.firstRunTitle': 'Welcome to Till',
    'auth.firstRunIntro': 'This till has nobody on it yet. Create the first manager: they can then add cashiers and other managers.',
    'auth.newPin': 'PIN',
    'auth.repeatPin': 'PIN again',
    'auth.pinRules': '4 to 12 digits; not one digit repeated and not digits in a row.',
    'auth.pinPad': 'Number pad',
    'auth.pinClear': 'Clear all digits',
    'auth.pinBack': 'Delete the last digit',
    'auth.createManager': 'Create manager and sign in',
    'auth.signInTitle': 'Sign in',
    'auth.scanSignInFirst': 'That was a scan, not a PIN: sign in first, then scan. It did not count as a wrong PIN.',
    'auth.scanUnlockFirst': 'Unlock the till first, then scan. The scan did not count as a wrong PIN.',
    'auth.who': 'Who are you?',
    'auth.pin': 'PIN',
    'auth.signIn': 'Sign in',
    'auth.lockedTitle': 'The till is locked',
    'auth.lockedBy': '{name} is signed in. Enter the PIN to continue.',
    'auth.unlock': 'Unlock',
    'auth.someoneElse': 'Sign in as someone else',
    'auth.signedInAs': 'Signed in as {name}',
    'auth.lock': 'Lock',
    'auth.signOut': 'Sign out'
  },
  vi: {
    'auth.firstRunTitle': 'Chào mừng đến với Till',
    'auth.firstRunIntro': 'Máy thu ngân này chưa có ai. Hãy tạo quản lý đầu tiên: người này sau đó có thể thêm thu ngân và quản lý khác.',
    'auth.newPin': 'Mã PIN',
    'auth.repeatPin': 'Nhập lại mã PIN',
    'auth.pinRules': 'Từ 4 đến 12 chữ số; không lặp một chữ số và không phải dãy số liên tiếp.',
    'auth.pinPad': 'Bàn phím số',
    'auth.pinClear': 'Xóa hết các số',
    'auth.pinBack': 'Xóa chữ số cuối',
    'auth.createManager': 'Tạo quản lý và đăng nhập',
    'auth.signInTitle': 'Đăng nhập',
    'auth.scanSignInFirst': 'Đó là một lần quét, không phải mã PIN: hãy đăng nhập trước rồi quét. Lần quét không bị tính là PIN sai.',
    'auth.scanUnlockFirst': 'Hãy mở khóa máy trước rồi quét. Lần quét không bị tính là PIN sai.',
    'auth.who': 'Bạn là ai?',
    'auth.pin': 'Mã PIN',
    'auth.signIn': 'Đăng nhập',
    'auth.lockedTitle': 'Máy thu ngân đang khóa',
    'auth.lockedBy': '{name} đang đăng nhập. Hãy nhập mã PIN để tiếp tục.',
    'auth.unlock': 'Mở khóa',
    'auth.someoneElse': 'Đăng nhập bằng người khác',
    'auth.signedInAs': 'Đang đăng nhập: {name}',
    'auth.lock': 'Khóa',
    'auth.signOut': 'Đăng xuất'
  }
})
