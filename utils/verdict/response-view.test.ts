import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, viewOf } from './response-view';
import { pageObs } from '../../tests/fixtures/observations';

describe('response view', () => {
  it('decodes the entities block pages use', () => {
    expect(decodeEntities('Acc&egrave;s refus&eacute; &#233;&#xE9; &amp; &bogus;')).toBe('Accès refusé éé & &bogus;');
  });

  it('strips tags, scripts and styles and collapses whitespace', () => {
    expect(htmlToText('<style>p{}</style><p>Internet Security by\n <b>Zscaler</b></p><script>var blocked=1</script>')).toBe(
      'Internet Security by Zscaler',
    );
  });

  it('lists redirect targets then the final URL, never the request URL', () => {
    const view = viewOf(pageObs({ url: 'http://a.test/', redirectTo: ['https://a.test/', 'https://b.test/x'] }));
    expect(view.urls).toEqual(['https://a.test/', 'https://b.test/x']);
    expect(viewOf(pageObs({ url: 'https://a.test/' })).urls).toEqual([]);
  });

  it('puts the title in front of the text and keeps the raw HTML', () => {
    const view = viewOf(pageObs({ title: 'Blocked', body: '<p>by policy</p>' }));
    expect(view.text).toBe('Blocked by policy');
    expect(view.html).toBe('<p>by policy</p>');
  });
});
