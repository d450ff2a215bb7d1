/*
 * Common given names and surnames per country (from the national statistics offices' top lists,
 * thinned), and the words Nordic company names are made of. Plain data: no logic here.
 */

export interface NameLists {
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly last: readonly string[];
  /** Place or brand words that open a company name: "Skånska", "Fjord". */
  readonly companyPrefixes: readonly string[];
}

export const swedishNames: NameLists = {
  male: ['Erik', 'Lars', 'Karl', 'Anders', 'Johan', 'Per', 'Nils', 'Mikael', 'Jan', 'Hans', 'Oskar', 'Lucas', 'William', 'Hugo', 'Axel', 'Elias', 'Gustav', 'Olof', 'Björn', 'Magnus', 'Fredrik', 'Henrik', 'Mattias', 'Jonas', 'Sven', 'Göran', 'Åke', 'Ulf', 'Stefan', 'Viktor'],
  female: ['Anna', 'Maria', 'Karin', 'Kristina', 'Lena', 'Sara', 'Emma', 'Maja', 'Elsa', 'Astrid', 'Ingrid', 'Linnéa', 'Sofia', 'Eva', 'Birgitta', 'Margareta', 'Elin', 'Ida', 'Frida', 'Johanna', 'Malin', 'Hanna', 'Ebba', 'Wilma', 'Alice', 'Åsa', 'Märta', 'Agnes', 'Klara', 'Signe'],
  last: ['Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson', 'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson', 'Lindberg', 'Lindqvist', 'Lindgren', 'Bergström', 'Axelsson', 'Lundberg', 'Lundqvist', 'Sandberg', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund', 'Danielsson', 'Håkansson', 'Lindström', 'Holm', 'Björk', 'Nordström', 'Åberg', 'Söderberg', 'Öberg', 'Ström', 'Hedlund'],
  companyPrefixes: ['Skånska', 'Mälardalens', 'Norrlands', 'Västkustens', 'Svea', 'Göta', 'Roslagens', 'Dalarnas', 'Nordic', 'Öresunds', 'Vänerns', 'Hälsinge'],
};

export const norwegianNames: NameLists = {
  male: ['Ole', 'Lars', 'Jan', 'Per', 'Bjørn', 'Kjell', 'Knut', 'Arne', 'Svein', 'Hans', 'Geir', 'Terje', 'Morten', 'Espen', 'Håkon', 'Jakob', 'Emil', 'Magnus', 'Sander', 'Henrik', 'Øyvind', 'Sindre', 'Trond', 'Even', 'Aksel', 'Tor', 'Eirik', 'Sigurd'],
  female: ['Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Solveig', 'Randi', 'Nora', 'Emma', 'Ingeborg', 'Sofie', 'Thea', 'Maja', 'Sigrid', 'Ragnhild', 'Tone', 'Silje', 'Åse', 'Marte', 'Ida', 'Frøydis'],
  last: ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen', 'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl', 'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Moen', 'Strand', 'Solberg', 'Bakken', 'Kristoffersen', 'Lie', 'Nygård', 'Østby', 'Sæther', 'Aasen', 'Lunde', 'Brekke', 'Haugland', 'Tveit', 'Bjørnstad'],
  companyPrefixes: ['Fjord', 'Nordlys', 'Vestlandet', 'Trøndelag', 'Viken', 'Bergen', 'Polar', 'Nordkapp', 'Agder', 'Hardanger', 'Romsdal', 'Fjell'],
};

export const finnishNames: NameLists = {
  male: ['Juhani', 'Matti', 'Mikko', 'Timo', 'Jari', 'Antti', 'Pekka', 'Jukka', 'Mika', 'Markku', 'Heikki', 'Ville', 'Janne', 'Tuomas', 'Eero', 'Onni', 'Väinö', 'Eino', 'Leevi', 'Aleksi', 'Lauri', 'Sami', 'Petri', 'Kalle', 'Olli', 'Joonas', 'Niilo', 'Toivo'],
  female: ['Maria', 'Helena', 'Anna', 'Johanna', 'Kaarina', 'Marjatta', 'Liisa', 'Tuula', 'Päivi', 'Sanna', 'Anu', 'Aino', 'Eevi', 'Sofia', 'Emilia', 'Olivia', 'Helmi', 'Ella', 'Minna', 'Riikka', 'Satu', 'Kirsi', 'Hanna', 'Laura', 'Tiina', 'Elina', 'Kaisa', 'Siiri', 'Iida'],
  last: ['Korhonen', 'Virtanen', 'Mäkinen', 'Nieminen', 'Mäkelä', 'Hämäläinen', 'Laine', 'Heikkinen', 'Koskinen', 'Järvinen', 'Lehtonen', 'Lehtinen', 'Saarinen', 'Salminen', 'Heinonen', 'Niemi', 'Heikkilä', 'Kinnunen', 'Salonen', 'Turunen', 'Salo', 'Laitinen', 'Tuominen', 'Rantanen', 'Karjalainen', 'Jokinen', 'Mattila', 'Savolainen', 'Lahtinen', 'Ahonen', 'Hyvönen', 'Räsänen'],
  companyPrefixes: ['Suomen', 'Pohjolan', 'Lapin', 'Saimaan', 'Hämeen', 'Pirkanmaan', 'Kalevan', 'Aurora', 'Karjalan', 'Pohjanmaan', 'Uudenmaan', 'Järvi'],
};

export const danishNames: NameLists = {
  male: ['Peter', 'Jens', 'Michael', 'Lars', 'Henrik', 'Søren', 'Thomas', 'Jan', 'Niels', 'Christian', 'Martin', 'Anders', 'Morten', 'Jesper', 'Mads', 'Rasmus', 'Frederik', 'Mikkel', 'Oliver', 'Magnus', 'Emil', 'Jørgen', 'Bent', 'Poul', 'Kasper', 'Asger', 'Aksel'],
  female: ['Anne', 'Kirsten', 'Mette', 'Hanne', 'Susanne', 'Lene', 'Maria', 'Marianne', 'Camilla', 'Louise', 'Charlotte', 'Pia', 'Tina', 'Ida', 'Freja', 'Emma', 'Sofie', 'Clara', 'Karen', 'Inge', 'Birthe', 'Lærke', 'Signe', 'Astrid', 'Ellen', 'Nanna', 'Malene', 'Bodil'],
  last: ['Jensen', 'Nielsen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Knudsen', 'Jakobsen', 'Mikkelsen', 'Frederiksen', 'Lund', 'Holm', 'Schmidt', 'Eriksen', 'Clausen', 'Simonsen', 'Svendsen', 'Andreasen', 'Østergaard', 'Bøgh', 'Dahl', 'Lauridsen', 'Kjær', 'Bach', 'Højgaard'],
  companyPrefixes: ['Nordsjællands', 'Fyns', 'Jysk', 'Øresund', 'Limfjord', 'Himmerlands', 'Vestjysk', 'Sydfyns', 'Amager', 'Bornholms', 'Djurslands', 'Køge Bugt'],
};

/** A line of business: its NACE Rev. 2 class and the word for it in each language. */
export interface Industry {
  readonly nace: string;
  readonly sv: string;
  readonly nb: string;
  readonly fi: string;
  readonly da: string;
}

export const industries: readonly Industry[] = [
  { nace: '41.20', sv: 'Bygg', nb: 'Bygg', fi: 'Rakennus', da: 'Byg' },
  { nace: '68.20', sv: 'Fastigheter', nb: 'Eiendom', fi: 'Kiinteistö', da: 'Ejendomme' },
  { nace: '49.41', sv: 'Transport', nb: 'Logistikk', fi: 'Kuljetus', da: 'Transport' },
  { nace: '70.22', sv: 'Konsult', nb: 'Rådgivning', fi: 'Konsultointi', da: 'Rådgivning' },
  { nace: '62.01', sv: 'Data', nb: 'Data', fi: 'Tieto', da: 'Data' },
  { nace: '43.21', sv: 'El', nb: 'Elektro', fi: 'Sähkö', da: 'El-service' },
  { nace: '56.10', sv: 'Restaurang', nb: 'Restaurant', fi: 'Ravintola', da: 'Restaurant' },
  { nace: '47.19', sv: 'Handel', nb: 'Handel', fi: 'Kauppa', da: 'Handel' },
  { nace: '45.20', sv: 'Bilverkstad', nb: 'Bilverksted', fi: 'Autokorjaamo', da: 'Autoværksted' },
  { nace: '43.22', sv: 'VVS', nb: 'Rør', fi: 'LVI', da: 'VVS' },
  { nace: '69.20', sv: 'Redovisning', nb: 'Regnskap', fi: 'Tilitoimisto', da: 'Revision' },
  { nace: '81.21', sv: 'Städ', nb: 'Renhold', fi: 'Siivous', da: 'Rengøring' },
];
