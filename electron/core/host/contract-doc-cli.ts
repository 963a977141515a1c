import { renderContractDoc } from '../../../shared/ipc/contract-doc'

process.stdout.write(renderContractDoc())
