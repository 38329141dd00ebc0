// The console's Integrations list in React 19, a benchmark peer: the rows,
// search, counts and windowing of bench/peer/model.js, rendered by React.
// Written as a React developer would: state in the root, derived lists in
// useMemo, cards as memoised components keyed like the console's, and the
// search's results following the typed text through useDeferredValue (React's
// way to paint the letter before a slow list, as the console does).
import { Fragment, memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import {
  GUESS, LOGO_LETTERS, PLATFORM, formatNumber, gridStyle, loadConnections, measure, sameGeometry, select, statusCounts, summary,
  visible, writeSearch,
} from '../peer/model.js';

/** A platform's logo (`components/logo.rs`): an image named after the platform, its letters on a CSS-drawn shape. */
function Logo({ platform }) {
  return (
    <span className="unplug-logo" role="img" aria-label={PLATFORM[platform]} data-platform={platform}>
      {LOGO_LETTERS[platform]}
    </span>
  );
}

/** One card, with the console's markup (`components/card.rs`). */
const Card = memo(function Card({ row }) {
  const titleId = `unplug-card-${row.key.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <article className="unplug-card" aria-labelledby={titleId} data-platform={row.platform} data-status={row.status} data-disconnected="false">
      <header className="unplug-card__header">
        <Logo platform={row.platform} />
        <div className="unplug-card__heading">
          <h3 id={titleId} className="unplug-card__title">
            <button type="button" className="unplug-card__name" aria-haspopup="dialog">{row.name}</button>
          </h3>
          <p className="unplug-card__connection">{row.label}</p>
        </div>
        <input type="checkbox" className="unplug-select" aria-label={`Select ${row.name}`} />
      </header>
      <p className="unplug-card__meta">
        <span className="unplug-card__kind">{row.kind}</span>
        <span className="unplug-card__status">{row.statusText}</span>
      </p>
      <dl className="unplug-fields unplug-card__facts">
        {row.facts.map(({ label, value }) => (
          <Fragment key={label}><dt>{label}</dt><dd>{value}</dd></Fragment>
        ))}
      </dl>
      <div className="unplug-card__actions">
        <button type="button" className="unplug-button--danger" aria-busy="false">Disconnect</button>
        {row.switchLabel !== null && <button type="button" className="unplug-switch">{row.switchLabel}</button>}
      </div>
    </article>
  );
});

/** The grid's geometry: measured on scroll and resize, and a frame after `count` changes. */
function useGeometry(grid, count) {
  const [geometry, setGeometry] = useState(null);
  useEffect(() => {
    const update = () => {
      if (!grid.current) return;
      const next = measure(grid.current);
      setGeometry((current) => (current !== null && sameGeometry(current, next) ? current : next));
    };
    const frame = requestAnimationFrame(update);
    addEventListener('scroll', update, { passive: true });
    addEventListener('resize', update);
    return () => {
      cancelAnimationFrame(frame);
      removeEventListener('scroll', update);
      removeEventListener('resize', update);
    };
  }, [grid, count]);
  return geometry ?? GUESS;
}

const CardGrid = memo(function CardGrid({ shown }) {
  const grid = useRef(null);
  const geometry = useGeometry(grid, shown.length);
  const slice = visible(shown.length, geometry);
  const style = gridStyle(shown.length, slice, geometry);
  return (
    <div
      ref={grid}
      className={style.windowed ? 'unplug-grid unplug-grid--windowed' : 'unplug-grid'}
      style={{ gridTemplateColumns: style.gridTemplateColumns, paddingTop: style.paddingTop, paddingBottom: style.paddingBottom }}
    >
      {shown.slice(slice.start, slice.end).map((row) => <Card key={row.renderKey} row={row} />)}
    </div>
  );
});

function Inventory() {
  const [byConnection, setByConnection] = useState(() => new Map());
  const [search, setSearch] = useState(() => new URL(location.href).searchParams.get('q') ?? '');
  useEffect(() => {
    const onRows = (connection, rows) => setByConnection((current) => new Map(current).set(connection.id, rows));
    loadConnections('../../config.json', onRows).catch((error) => console.error(error));
  }, []);
  const all = useMemo(() => [...byConnection.values()].flat(), [byConnection]);
  const results = useDeferredValue(search);
  const shown = useMemo(() => select(all, results), [all, results]);
  const counts = useMemo(() => statusCounts(all, results), [all, results]);
  const onSearch = (event) => {
    writeSearch(event.target.value);
    setSearch(event.target.value);
  };
  return (
    <section className="unplug-inventory" aria-labelledby="title">
      <div className="unplug-inventory__bar"><h2 id="title">Integrations</h2></div>
      <div className="unplug-toolbar">
        <label className="unplug-filter unplug-filter--search" htmlFor="unplug-search">
          <span>Search</span>
          <input
            id="unplug-search"
            type="search"
            placeholder="Name, id, URL, location, instance"
            autoComplete="off"
            value={search}
            onChange={onSearch}
          />
        </label>
      </div>
      <div className="unplug-counts" role="group" aria-label="Status">
        {counts.map(([slug, label, count]) => (
          <button key={slug} type="button" className="unplug-count" data-status={slug} aria-pressed="false">
            <span className="unplug-count__label">{label}</span>
            {' '}
            <span className="unplug-count__number">{formatNumber(count)}</span>
          </button>
        ))}
      </div>
      <p className="unplug-summary" role="status">{summary(shown.length, all.length)}</p>
      <div className="unplug-results">
        <CardGrid shown={shown} />
      </div>
    </section>
  );
}

createRoot(document.getElementById('root')).render(<Inventory />);
