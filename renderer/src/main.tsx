import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app/App'
import { createAppStore } from './app/app-store'
import { TillProvider } from './app/till-context'
import { connectTill } from './client/till-client'
import './styles.css'

const container = document.getElementById('root')
if (!container) throw new Error('The page has no #root element')
const root = createRoot(container)

try {
  const client = connectTill(window)
  const appStore = createAppStore(client)
  root.render(
    <StrictMode>
      <TillProvider client={client} appStore={appStore}>
        <App />
      </TillProvider>
    </StrictMode>
  )
  void appStore.getState().start()
} catch (error) {
  root.render(<p className="splash">{error instanceof Error ? error.message : String(error)}</p>)
}
