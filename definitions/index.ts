export { configuration } from './configuration'
export { channels, user } from './channels'
