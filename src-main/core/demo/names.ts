/**
 * Word lists for fictitious demo people and places. Names are common Swedish first names and
 * surnames combined at random, so no row describes a real person.
 */
export const firstNames = [
  'Anna', 'Eva', 'Maria', 'Karin', 'Sara', 'Lena', 'Emma', 'Kerstin', 'Malin', 'Ingrid',
  'Sofia', 'Linnea', 'Johanna', 'Elin', 'Ida', 'Hanna', 'Camilla', 'Jenny', 'Frida', 'Maja',
  'Amira', 'Leila', 'Fatima', 'Nadia', 'Yasmin', 'Aisha', 'Mira', 'Helena', 'Cecilia', 'Ulrika',
  'Therese', 'Annika', 'Louise', 'Katarina', 'Petra', 'Susanne', 'Åsa', 'Märta', 'Agnes', 'Elsa',
  'Lars', 'Anders', 'Johan', 'Erik', 'Per', 'Karl', 'Mikael', 'Peter', 'Jonas', 'Fredrik',
  'Magnus', 'Daniel', 'Ahmed', 'Ali', 'Omar', 'Hassan', 'Mohammed', 'Yusuf', 'Oscar', 'Viktor',
  'Niklas', 'Henrik', 'Mattias', 'Björn', 'Stefan', 'Tobias', 'Jesper', 'Emil', 'Gustav', 'Olle',
] as const;

export const surnames = [
  'Andersson', 'Johansson', 'Karlsson', 'Nilsson', 'Eriksson', 'Larsson', 'Olsson', 'Persson',
  'Svensson', 'Gustafsson', 'Pettersson', 'Jonsson', 'Jansson', 'Hansson', 'Bengtsson', 'Jönsson',
  'Lindberg', 'Jakobsson', 'Magnusson', 'Lindström', 'Olofsson', 'Lindqvist', 'Lindgren', 'Berg',
  'Axelsson', 'Bergström', 'Lundberg', 'Lind', 'Lundgren', 'Lundqvist', 'Mattsson', 'Berglund',
  'Fredriksson', 'Sandberg', 'Henriksson', 'Forsberg', 'Sjöberg', 'Wallin', 'Engström', 'Eklund',
  'Danielsson', 'Lundin', 'Håkansson', 'Björk', 'Bergman', 'Gunnarsson', 'Holm', 'Wikström',
  'Samuelsson', 'Isaksson', 'Fransson', 'Bergqvist', 'Nyström', 'Holmberg', 'Arvidsson', 'Löfgren',
  'Söderberg', 'Nyberg', 'Blomqvist', 'Claesson', 'Ali', 'Mohamed', 'Hassan', 'Ahmadi',
  'Yilmaz', 'Nguyen', 'Kovač', 'Haddad', 'Rahimi', 'Abdi', 'Novak', 'Öberg',
] as const;

export const venues = [
  'Familjecentralen', 'Öppna förskolan', 'Stadsdelsförvaltningens lokaler', 'Medborgarhuset',
  'Biblioteket, samlingssalen', 'Fritidsgården', 'Ungdomsmottagningen', 'Kyrkans församlingshem',
  'Föräldrastödsenheten', 'Skolans matsal', 'Träffpunkten', 'Kulturhuset, studierum',
] as const;

/** Language and adaptation notes; most groups have none. */
export const notes = [
  ['', 80],
  ['På arabiska', 4],
  ['På somaliska', 3],
  ['På engelska', 3],
  ['Med tolk (tigrinja)', 2],
  ['Med tolk (dari)', 2],
  ['För adoptivföräldrar', 2],
  ['För familjehemsföräldrar', 2],
  ['Digitalt stöd mellan träffarna', 2],
] as const satisfies readonly (readonly [string, number])[];

export const sessionCancelReasons = [
  'Gruppledare sjuk',
  'För få anmälda till träffen',
  'Lokalen inte tillgänglig',
  'Helgdag',
  'Studiedag i skolan',
  'Snöoväder',
  'Gruppledare på utbildning',
] as const;

export const startTimes = [
  ['17:30', 35],
  ['18:00', 25],
  ['13:00', 10],
  ['09:30', 10],
  ['15:00', 10],
  ['17:00', 10],
] as const satisfies readonly (readonly [string, number])[];
