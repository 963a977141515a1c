import { useCallback, useEffect, useState } from 'react'
import type { ChannelName } from '../../../../shared/ipc/contract'
import type { ChannelInput, ChannelOutput } from '../../../../shared/ipc/contract'
import type { TillErrorData } from '../../../../shared/errors'
import { useTillClient } from '../../app/till-context'

/** Loads one channel's answer and reloads it on demand. */
export function useChannel<C extends ChannelName>(channel: C, input: ChannelInput<C>) {
  const client = useTillClient()
  const [value, setValue] = useState<ChannelOutput<C> | null>(null)
  const [error, setError] = useState<TillErrorData | null>(null)
  const key = JSON.stringify(input)
  const reload = useCallback(async () => {
    const result = await client.call(channel, JSON.parse(key) as ChannelInput<C>)
    if (result.ok) {
      setValue(result.value)
      setError(null)
    } else setError(result.error)
  }, [client, channel, key])
  useEffect(() => {
    void reload()
  }, [reload])
  return { value, error, reload }
}
