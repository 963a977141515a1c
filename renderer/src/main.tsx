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

connectTill(window).then(
  (client) => {
    const appStore = createAppStore(client)
    root.render(
      <StrictMode>
        <TillProvider client={client} appStore={appStore}>
          <App />
        </TillProvider>
      </StrictMode>
    )
    void appStore.getState().start()
  },
  (error: unknown) => {
    root.render(
      <p className="splash" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </p>
    )
    // A sign-in address pasted into this tab changes only the fragment, which loads nothing by itself.
    window.addEventListener('hashchange', () => window.location.reload(), { once: true })
  }
)
