import { useMemo, useState } from 'preact/hooks';
import type { Catalog } from '../../utils/catalog/schema';
import type { FleetReport } from '../../utils/fleet/validate-report';
import { defaultPopulation } from '../../utils/gap';
import type { Settings } from '../../utils/settings';
import type { Deck, SlideId } from '../../utils/present/deck';
import { visibleSlides } from '../../utils/present/deck';
import { fleetSlideData } from '../../utils/present/fleet-sites';
import type { PresentApi } from '../../utils/present/present-api';
import { pickGap } from '../../utils/ui/gap-view';
import { I18nProvider } from '../i18n';
import { useAudit } from '../use-audit';
import { usePageSetup } from '../use-page-setup';
import { AuditSlide } from './audit-slide';
import { DeckView, type DeckSlide } from './deck-view';
import { DiscussSlide } from './discuss-slide';
import { FleetSlide } from './fleet-slide';
import { GapSlide } from './gap-slide';
import { SetupPanel } from './setup-panel';
import { BehaviourSlide, ComplaintSlide, ThenNowSlide } from './story-slides';
import { TitleSlide } from './title-slide';
import { UsageSlide } from './usage-bars';

/**
 * The trainer's presentation: loads settings, the deck, imported fleet reports
 * and the deck's language, follows the latest audit (the live one once started
 * on its slide), and draws the visible slides in the trainer's order.
 */
export function PresentApp({ api, catalog }: { api: PresentApi; catalog: Catalog }) {
  const [deck, setDeck] = useState<Deck | null>(null);
  const [fleet, setFleet] = useState<FleetReport[]>([]);
  const languageOf = (d: Deck, s: Settings) => (d.language === 'auto' ? s.language : d.language);
  // The deck speaks its own language (or the extension's): it is read before the messages.
  const { settings, i18n, error, setLanguage } = usePageSetup(api, {
    title: 'present_pageTitle',
    async language(s) {
      const [d, f] = await Promise.all([api.loadDeck(), api.loadFleetReports()]);
      setDeck(d);
      setFleet(f);
      return languageOf(d, s);
    },
  });
  const audit = useAudit(api, settings);
  const population = !settings || !i18n ? 'US' : settings.population === 'auto' ? defaultPopulation(i18n.locale) : settings.population;
  const fleetData = useMemo(() => fleetSlideData(fleet, population), [fleet, population]);

  if (!settings || !deck || !i18n) return error ? <p role="alert">{error}</p> : null;
  const report = audit.report;
  const gap = report ? pickGap(report, settings.population, i18n.locale) : undefined;
  const available = (id: SlideId) => id !== 'fleet' || fleetData !== null;
  const draw: Record<SlideId, DeckSlide['render']> = {
    title: (p) => <TitleSlide key="title" deck={deck} {...p} />,
    complaint: (p) => <ComplaintSlide key="complaint" {...p} />,
    'then-now': (p) => <ThenNowSlide key="then-now" catalog={catalog} population={population} {...p} />,
    behaviour: (p) => <BehaviourSlide key="behaviour" {...p} />,
    usage: (p) => <UsageSlide key="usage" catalog={catalog} population={population} {...p} />,
    audit: (p) => <AuditSlide key="audit" audit={audit} catalog={catalog} population={population} {...p} />,
    gap: (p) => <GapSlide key="gap" report={report} gap={gap} {...p} />,
    fleet: (p) => <FleetSlide key="fleet" data={fleetData} {...p} />,
    discuss: (p) => <DiscussSlide key="discuss" report={report} population={population} {...p} />,
  };
  const saveDeck = async (next: Deck) => {
    const saved = await api.saveDeck(next);
    setDeck(saved);
    if (languageOf(saved, settings) !== languageOf(deck, settings)) await setLanguage(languageOf(saved, settings));
  };
  return (
    <I18nProvider value={i18n}>
      <DeckView
        slides={visibleSlides(deck, available).map((id) => ({ id, render: draw[id] }))}
        onFullscreen={() => api.toggleFullscreen()}
        onPrint={() => api.print()}
        onEnter={(id) => id === 'audit' && audit.state?.status !== 'running' && void audit.start()}
        setup={(close) => (
          <SetupPanel
            deck={deck}
            available={available}
            fleetCount={fleet.length}
            onChange={(next) => void saveDeck(next)}
            onImport={async (files) => {
              const result = await api.importFleetReports(files);
              setFleet(await api.loadFleetReports());
              return result;
            }}
            onClearFleet={() => void api.clearFleetReports().then(() => setFleet([]))}
            onClose={close}
          />
        )}
      />
    </I18nProvider>
  );
}
