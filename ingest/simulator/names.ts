/**
 * Name pools for generated agents: a mix that looks like a UK contact-centre
 * floor. Names are picked with a fixed seed, so the roster reads the same on
 * every run and every machine whatever the simulation seed.
 */
// Ten names a row reads better than one a line.
// prettier-ignore
export const FIRST_NAMES: readonly string[] = [
  "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Sophie", "Emily",
  "Chloe", "Ella", "Evie", "Ruby", "Poppy", "Hannah", "Zara", "Aisha", "Priya", "Fatima",
  "Niamh", "Siobhan", "Megan", "Rhiannon", "Chiara", "Maria", "Ewa", "Agnieszka", "Yasmin", "Leah",
  "Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur", "Oscar", "Charlie", "Thomas",
  "James", "William", "Henry", "Samuel", "Daniel", "Joshua", "Mohammed", "Ibrahim", "Arjun", "Ravi",
  "Kwame", "Tunde", "Callum", "Connor", "Rhys", "Owen", "Cian", "Tomasz", "Luca", "Mateo",
];

// prettier-ignore
export const LAST_NAMES: readonly string[] = [
  "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
  "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
  "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes",
  "Moore", "Clark", "King", "Harrison", "Lewis", "Baker", "Lee", "Allen", "Morris", "Khan",
  "Ahmed", "Begum", "Ali", "Shah", "Singh", "Kaur", "Okafor", "Mensah", "Campbell", "Murphy",
  "O'Brien", "Kelly", "MacDonald", "Reid", "Nowak", "Kowalski", "Rossi", "Silva", "Fernandes", "Nguyen",
];
