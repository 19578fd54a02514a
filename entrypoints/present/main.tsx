import { render } from 'preact';
import { PresentApp } from '../../components/present/present-app';
import { createPresentApi } from '../../utils/present/extension-present-api';
import type { Catalog } from '../../utils/catalog/types';
import referenceCatalog from '../../utils/catalog/reference.json';
import '../../components/theme.css';
import '../../components/present/present.css';

// Mount only: the deck's logic lives in components/present/, its data in utils/present/.
render(<PresentApp api={createPresentApi()} catalog={referenceCatalog as Catalog} />, document.getElementById('app')!);
