import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { createPageApi } from '../../utils/ui/extension-api';
import '../../components/theme.css';
import '../../components/popup.css';

// Mount only: the popup's logic lives in components/, its extension access in utils/ui/.
render(<PopupApp api={createPageApi()} />, document.getElementById('app')!);
