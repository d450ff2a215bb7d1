/*
 * Real towns with real postcodes, municipality numbers and landline prefixes, and street names
 * typical of each language. Weights make the big cities common without hiding the small ones.
 */

export interface City {
  readonly name: string;
  readonly zips: readonly string[];
  /** The national municipality number (kommunkod, kommunenummer, kuntanumero, kommunekode). */
  readonly municipality: string;
  /** Landline area code (SE, FI) or the usual leading digits of local numbers (NO, DK). */
  readonly area: string;
  readonly weight: number;
  /** The sales region a back office would file the town under. */
  readonly region: string;
}

const city = (name: string, zips: readonly string[], municipality: string, area: string, weight: number, region: string): City =>
  ({ name, zips, municipality, area, weight, region });

export const swedishCities: readonly City[] = [
  city('Stockholm', ['111 20', '111 52', '113 51', '114 34', '118 20'], '0180', '8', 10, 'Stockholm'),
  city('Göteborg', ['411 05', '411 38', '413 01', '414 63'], '1480', '31', 6, 'Väst'),
  city('Malmö', ['211 20', '211 43', '214 21'], '1280', '40', 4, 'Syd'),
  city('Uppsala', ['753 10', '752 36', '754 50'], '0380', '18', 3, 'Mitt'),
  city('Västerås', ['722 15', '724 60'], '1980', '21', 2, 'Mitt'),
  city('Örebro', ['702 10', '703 61'], '1880', '19', 2, 'Mitt'),
  city('Linköping', ['582 24', '587 31'], '0580', '13', 2, 'Öst'),
  city('Helsingborg', ['252 21', '254 40'], '1283', '42', 2, 'Syd'),
  city('Jönköping', ['553 15', '554 48'], '0680', '36', 2, 'Småland'),
  city('Norrköping', ['602 24', '603 66'], '0581', '11', 2, 'Öst'),
  city('Lund', ['222 21', '224 66'], '1281', '46', 1, 'Syd'),
  city('Umeå', ['903 25', '903 26', '904 20'], '2480', '90', 1, 'Norr'),
  city('Gävle', ['802 50', '803 20'], '2180', '26', 1, 'Mitt'),
  city('Sundsvall', ['852 30', '856 50'], '2281', '60', 1, 'Norr'),
  city('Luleå', ['972 31', '973 33'], '2580', '920', 1, 'Norr'),
];

export const norwegianCities: readonly City[] = [
  city('Oslo', ['0150', '0151', '0250', '0355', '0460', '0560'], '0301', '22', 10, 'Øst'),
  city('Bergen', ['5003', '5011', '5063'], '4601', '55', 5, 'Vest'),
  city('Trondheim', ['7011', '7030', '7041'], '5001', '73', 4, 'Midt'),
  city('Stavanger', ['4006', '4010', '4014'], '1103', '51', 3, 'Vest'),
  city('Drammen', ['3015', '3044'], '3301', '32', 2, 'Øst'),
  city('Kristiansand', ['4611', '4631'], '4204', '38', 2, 'Sør'),
  city('Fredrikstad', ['1606', '1607'], '3107', '69', 2, 'Øst'),
  city('Sandnes', ['4306', '4307'], '1108', '51', 1, 'Vest'),
  city('Tromsø', ['9008', '9010'], '5501', '77', 1, 'Nord'),
  city('Ålesund', ['6002', '6004'], '1508', '70', 1, 'Vest'),
  city('Bodø', ['8006', '8012'], '1804', '75', 1, 'Nord'),
  city('Lillehammer', ['2609', '2615'], '3405', '61', 1, 'Innlandet'),
];

export const finnishCities: readonly City[] = [
  city('Helsinki', ['00100', '00120', '00130', '00250', '00530'], '091', '9', 10, 'Uusimaa'),
  city('Espoo', ['02100', '02230', '02600'], '049', '9', 4, 'Uusimaa'),
  city('Tampere', ['33100', '33200', '33500'], '837', '3', 4, 'Pirkanmaa'),
  city('Vantaa', ['01300', '01510'], '092', '9', 3, 'Uusimaa'),
  city('Turku', ['20100', '20500', '20810'], '853', '2', 3, 'Varsinais-Suomi'),
  city('Oulu', ['90100', '90570'], '564', '8', 2, 'Pohjois-Pohjanmaa'),
  city('Jyväskylä', ['40100', '40320'], '179', '14', 2, 'Keski-Suomi'),
  city('Lahti', ['15100', '15140'], '398', '3', 1, 'Päijät-Häme'),
  city('Kuopio', ['70100', '70600'], '297', '17', 1, 'Pohjois-Savo'),
  city('Pori', ['28100', '28130'], '609', '2', 1, 'Satakunta'),
  city('Vaasa', ['65100', '65200'], '905', '6', 1, 'Pohjanmaa'),
  city('Joensuu', ['80100', '80200'], '167', '13', 1, 'Pohjois-Karjala'),
];

export const danishCities: readonly City[] = [
  city('København K', ['1050', '1150', '1250', '1360', '1455'], '101', '33', 6, 'Hovedstaden'),
  city('København Ø', ['2100'], '101', '35', 3, 'Hovedstaden'),
  city('København N', ['2200'], '101', '35', 3, 'Hovedstaden'),
  city('Frederiksberg', ['2000'], '147', '38', 2, 'Hovedstaden'),
  city('Aarhus C', ['8000'], '751', '86', 5, 'Midtjylland'),
  city('Odense C', ['5000'], '461', '66', 3, 'Syddanmark'),
  city('Aalborg', ['9000'], '851', '98', 3, 'Nordjylland'),
  city('Esbjerg', ['6700'], '561', '75', 1, 'Syddanmark'),
  city('Randers C', ['8900'], '730', '86', 1, 'Midtjylland'),
  city('Kolding', ['6000'], '621', '75', 1, 'Syddanmark'),
  city('Vejle', ['7100'], '630', '75', 1, 'Syddanmark'),
  city('Horsens', ['8700'], '615', '75', 1, 'Midtjylland'),
  city('Roskilde', ['4000'], '265', '46', 1, 'Sjælland'),
  city('Herning', ['7400'], '657', '97', 1, 'Midtjylland'),
];

export const swedishStreets = ['Storgatan', 'Drottninggatan', 'Kungsgatan', 'Vasagatan', 'Sveavägen', 'Götgatan', 'Järnvägsgatan', 'Skolgatan', 'Kyrkogatan', 'Parkvägen', 'Björkvägen', 'Ekvägen', 'Tallvägen', 'Södra Långgatan', 'Östra Hamngatan', 'Linnégatan', 'Hamngatan', 'Trädgårdsgatan', 'Nygatan', 'Sjövägen', 'Ängsvägen', 'Åsgatan', 'Lärkvägen', 'Västra Vägen'] as const;

export const norwegianStreets = ['Karl Johans gate', 'Storgata', 'Kirkegata', 'Dronningens gate', 'Kongens gate', 'Torggata', 'Skolegata', 'Parkveien', 'Bjørkeveien', 'Granveien', 'Solheimsgata', 'Strandgata', 'Fjellveien', 'Løkkeveien', 'Øvre Slottsgate', 'Nedre Storgate', 'Sjøgata', 'Bekkeveien', 'Tollbugata', 'Rådhusgata'] as const;

export const finnishStreets = ['Mannerheimintie', 'Aleksanterinkatu', 'Hämeenkatu', 'Kauppakatu', 'Puistokatu', 'Koulukatu', 'Rautatienkatu', 'Kirkkokatu', 'Satamakatu', 'Yliopistonkatu', 'Itäinen Pitkäkatu', 'Läntinen Rantakatu', 'Koivutie', 'Mäntytie', 'Kuusitie', 'Rantatie', 'Myllytie', 'Torikatu', 'Asemakatu', 'Pohjoisesplanadi'] as const;

export const danishStreets = ['Strøget', 'Vesterbrogade', 'Nørrebrogade', 'Østergade', 'Algade', 'Søndergade', 'Vestergade', 'Nørregade', 'Jernbanegade', 'Kongensgade', 'Åboulevarden', 'Skolevej', 'Kirkevej', 'Møllevej', 'Bøgevej', 'Strandvejen', 'Frederiksberg Allé', 'Amagerbrogade', 'Havnegade', 'Torvegade'] as const;

/** How house-number extensions look: Swedish apartment numbers, Finnish staircase + flat, Danish floor + side. */
export const houseExtensions = {
  SE: { rate: 0.15, values: ['A', 'B', 'lgh 1001', 'lgh 1102', 'lgh 1203'] },
  NO: { rate: 0.1, values: ['A', 'B', 'C'] },
  FI: { rate: 0.45, values: ['A 3', 'A 12', 'B 7', 'B 21', 'C 14', 'D 30'] },
  DK: { rate: 0.4, values: ['st. tv.', 'st. th.', '1. tv.', '1. th.', '2. tv.', '3. th.', '4. mf.'] },
} as const;
