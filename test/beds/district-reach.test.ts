/**
 * A hospital whose location lies far outside its district (a feed's row with another
 * hospital's coordinates) is never placed by distance: import keeps the row without its
 * location and says so by line and field; a location stored before is ignored by searches.
 */
import { loadConfig } from '../../src/config';
import { DISTRICT_REACH_KM, outsideDistrict } from '../../src/beds/district-reach';
import { Gazetteer } from '../../src/beds/gazetteer';
import { parseMapping } from '../../src/beds/mapping';
import { BedsService } from '../../src/beds/service';
import { silentLogger } from '../../src/log';
import { createMemoryStore } from '../../src/storage/memory/memory-store';
import type { Store } from '../../src/storage/repositories';
import { count, hospital } from './registry';

const config = loadConfig({ DATA_DIR: '/tmp/sahay-district-reach-test' });
const NOW = Date.UTC(2021, 4, 1, 10, 0, 0);
/** North Bengal Medical College, near Siliguri: the point West_Bengal.csv gives Diamond Harbour GMCH. */
const NBMCH = { lat: 26.6900943, lng: 88.3852968 };

const mapping = parseMapping(
  {
    format: 'csv',
    source: 'test-feed',
    fields: { name: 'Hospital', district: 'District', region: { value: 'West Bengal' }, lat: 'Lat', lng: 'Lng' },
    beds: { all: { total: 'Total', vacant: 'Free' } },
  },
  config.beds.kinds,
  'test mapping',
  'file:test.csv',
);

let store: Store;
let beds: BedsService;
beforeEach(async () => {
  store = createMemoryStore();
  beds = new BedsService({ config, now: () => NOW, newId: () => 'x', log: silentLogger });
  await beds.attach(store);
});

const nearSiliguri = () => beds.finder.find({ target: { by: 'location', lat: 26.72, lng: 88.42 }, kind: 'any' });
const offered = (a: ReturnType<typeof nearSiliguri>) => [...a.results, ...a.unconfirmed, ...a.nearest].map((r) => r.name);

describe('at import', () => {
  const feed =
    'Hospital,District,Lat,Lng,Total,Free\n' +
    `Diamond Harbour GMCH,South 24 Parganas,${NBMCH.lat},${NBMCH.lng},80,35\n` +
    'Baruipur SDH,South 24 Parganas,22.35871528,88.43491696,50,40\n' +
    `NBMCH 1,Darjeeling,${NBMCH.lat},${NBMCH.lng},60,50\n`;

  it('a row far outside its district keeps its counts, not its location, and the import says so by line and field', async () => {
    const report = await beds.importText(feed, mapping);
    expect(report.errors).toEqual([]);
    expect(report.written).toBe(true);
    expect(report.warnings).toEqual([
      {
        line: 2,
        field: 'Lat',
        message: expect.stringMatching(/^48\d km from Baruipur, the nearest town of South 24 Parganas in places\.yaml \(more than 100 km\): location left out$/),
        value: `${NBMCH.lat},${NBMCH.lng}`,
      },
    ]);
    const [gmch, baruipur, nbmch] = await Promise.all(['west-bengal.south-24-parganas.diamond-harbour-gmch', 'west-bengal.south-24-parganas.baruipur-sdh', 'west-bengal.darjeeling.nbmch-1'].map((id) => store.hospitals.get(id)));
    expect([gmch?.location, gmch?.beds.all?.vacant]).toEqual([null, 35]);
    expect(baruipur?.location).toEqual({ lat: 22.35871528, lng: 88.43491696 });
    expect(nbmch?.location).toEqual(NBMCH);
  });

  it('so it is not offered "4.8 km" from Siliguri, and is still found in its district', async () => {
    await beds.importText(feed, mapping);
    expect(offered(nearSiliguri())).toEqual(['NBMCH 1']);
    expect(beds.finder.find({ target: { by: 'district', place: 'south-24-parganas' }, kind: 'any' }).results.map((r) => r.name)).toEqual(['Baruipur SDH', 'Diamond Harbour GMCH']);
  });
});

describe('a location stored before the check', () => {
  it('is not used by searches', async () => {
    await store.hospitals.upsertMany(
      [
        hospital('gmch', { region: 'West Bengal', district: 'South 24 Parganas', name: 'Diamond Harbour GMCH', location: NBMCH, beds: { all: count(35, 80) } }),
        hospital('nbmch', { region: 'West Bengal', district: 'Darjeeling', name: 'NBMCH 1', location: NBMCH, beds: { all: count(50, 60) } }),
      ],
      NOW,
    );
    await beds.directory.reload();
    expect(beds.directory.index.get('gmch')?.location).toBeNull();
    expect(offered(nearSiliguri())).toEqual(['NBMCH 1']);
  });
});

describe('outsideDistrict', () => {
  const gazetteer = new Gazetteer(config.beds.places);

  it('measures from the nearest town of the district with a point; a district without one is not checked', () => {
    // Pakhanjur, in the south of Kanker district, 94 km from Kanker town: in it.
    expect(outsideDistrict(gazetteer, 'kanker', { lat: 20.04148256, lng: 80.62361723 })).toBeNull();
    const far = outsideDistrict(gazetteer, 'south-24-parganas', NBMCH);
    expect(far?.town.id).toBe('baruipur');
    expect(far!.km).toBeGreaterThan(DISTRICT_REACH_KM);
    // Narayanpur has no town with a point in places.yaml.
    expect(outsideDistrict(gazetteer, 'narayanpur', NBMCH)).toBeNull();
  });
});
