import { render } from 'preact';
import { FleetApp } from '../../components/fleet/fleet-app';
import { createFleetPageApi } from '../../utils/ui/fleet-extension-api';
import '../../components/theme.css';
import '../../components/fleet/fleet.css';

// Mount only: the page's logic lives in components/fleet and utils/fleet.
render(<FleetApp api={createFleetPageApi()} />, document.getElementById('app')!);
