import { GOTIT_PATH_PREFIX } from '../../../../shared/wire/gotit'

export { GOTIT_PATH_PREFIX }
export { DEFAULT_CHECK_BUDGET_MS, DEFAULT_CHECK_CONCURRENCY } from '../../../../shared/providers/gotit'
