import { defineBackground } from 'wxt/utils/define-background';
import { registerBackground } from '../utils/background/register';

export default defineBackground(() => {
  registerBackground();
});
