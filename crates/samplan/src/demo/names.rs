//! Names, languages and nationalities fitting the people a Danish municipality receives
//! (refugees and family-reunified persons from Ukraine, Syria, Afghanistan, Eritrea,
//! Somalia, Iraq and Iran). Invented combinations; no real persons.

/// One origin country: its share of newcomers, names and languages.
pub struct Origin {
    /// Nationality as Danish registers write it.
    pub nationality: &'static str,
    /// Relative weight among newcomers.
    pub weight: u32,
    /// Women's given names.
    pub female: &'static [&'static str],
    /// Men's given names.
    pub male: &'static [&'static str],
    /// Family names.
    pub family: &'static [&'static str],
    /// Languages spoken (ISO 639), the first always.
    pub languages: &'static [&'static str],
    /// Residence basis of the first adult.
    pub basis: &'static str,
}

/// The origins the demo draws from.
pub const ORIGINS: &[Origin] = &[
    Origin {
        nationality: "Ukraine",
        weight: 30,
        female: &["Olena", "Iryna", "Natalia", "Oksana", "Tetiana", "Svitlana", "Yulia", "Kateryna", "Anastasiia", "Sofiia", "Mariia", "Daryna", "Viktoriia", "Halyna", "Liudmyla"],
        male: &["Oleksandr", "Andrii", "Dmytro", "Serhii", "Mykola", "Volodymyr", "Ivan", "Maksym", "Artem", "Bohdan", "Yurii", "Taras", "Denys", "Vasyl", "Mykhailo"],
        family: &["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Koval", "Oliinyk", "Lysenko", "Marchenko", "Rudenko", "Savchenko", "Petrenko", "Moroz"],
        languages: &["uk", "ru", "en"],
        basis: "ukrainian_special_act",
    },
    Origin {
        nationality: "Syrien",
        weight: 20,
        female: &["Fatima", "Aya", "Rama", "Lina", "Hiba", "Nour", "Rasha", "Dima", "Maryam", "Salma", "Huda", "Yasmin", "Rana", "Amal", "Layla"],
        male: &["Mohammad", "Ahmad", "Khaled", "Omar", "Hassan", "Yusuf", "Ali", "Mahmoud", "Bilal", "Rami", "Samer", "Fadi", "Tarek", "Ibrahim", "Karim"],
        family: &["Haddad", "Al-Hassan", "Khalil", "Darwish", "Nasser", "Saleh", "Al-Ahmad", "Hamoud", "Issa", "Mansour", "Sabbagh", "Youssef", "Kassem", "Othman", "Zein"],
        languages: &["ar", "ku", "en"],
        basis: "refugee",
    },
    Origin {
        nationality: "Afghanistan",
        weight: 15,
        female: &["Zahra", "Fereshta", "Mariam", "Shabnam", "Nilofar", "Parwana", "Sima", "Habiba", "Freshta", "Madina", "Laila", "Somaya", "Nazila", "Roya", "Arezo"],
        male: &["Ahmad", "Mohammad", "Abdul", "Hamid", "Javid", "Farid", "Najib", "Sayed", "Mustafa", "Rahim", "Wahid", "Zabihullah", "Jawad", "Mirwais", "Hussain"],
        family: &["Ahmadi", "Hakimi", "Rahimi", "Noori", "Karimi", "Sultani", "Hashimi", "Haidari", "Amiri", "Sadat", "Wardak", "Popal", "Stanekzai", "Nazari", "Rezaei"],
        languages: &["prs", "ps", "fa"],
        basis: "refugee",
    },
    Origin {
        nationality: "Eritrea",
        weight: 15,
        female: &["Senait", "Helen", "Selam", "Feven", "Luwam", "Rahwa", "Saba", "Yordanos", "Mebrat", "Tsega", "Winta", "Hiwet", "Eden", "Ruta", "Milen"],
        male: &["Yonas", "Daniel", "Tesfay", "Samuel", "Filmon", "Henok", "Mehari", "Kidane", "Robel", "Biniam", "Amanuel", "Natnael", "Efrem", "Habtom", "Tekle"],
        family: &["Tesfamariam", "Gebremedhin", "Haile", "Ghebreyesus", "Berhane", "Kidane", "Woldu", "Tekle", "Mehari", "Asmerom", "Habte", "Yohannes", "Ghirmay", "Andemariam", "Kahsay"],
        languages: &["ti", "ar", "am"],
        basis: "refugee",
    },
    Origin {
        nationality: "Somalia",
        weight: 8,
        female: &["Hodan", "Fadumo", "Ayaan", "Hibaaq", "Sahra", "Khadra", "Ifrah", "Nasra", "Amina", "Deeqa", "Ubah", "Filsan", "Hamdi", "Sagal", "Muna"],
        male: &["Abdi", "Mohamed", "Ahmed", "Hassan", "Abdullahi", "Yusuf", "Farah", "Mahad", "Liban", "Guled", "Bashir", "Omar", "Ismail", "Ayanle", "Nuur"],
        family: &["Warsame", "Hirsi", "Farah", "Osman", "Jama", "Abdi", "Ali", "Aden", "Nur", "Egal", "Samatar", "Duale", "Mohamud", "Yusuf", "Elmi"],
        languages: &["so", "ar", "en"],
        basis: "refugee",
    },
    Origin {
        nationality: "Irak",
        weight: 7,
        female: &["Zainab", "Noor", "Shahad", "Ruqaya", "Hawraa", "Sara", "Mariam", "Dunya", "Ban", "Rusul", "Tabarak", "Zahraa", "Israa", "Ghufran", "Sura"],
        male: &["Ali", "Hussein", "Mustafa", "Haider", "Abbas", "Murtadha", "Karrar", "Ahmed", "Omar", "Saif", "Yaseen", "Mohammed", "Hassan", "Zaid", "Qasim"],
        family: &["Al-Jubouri", "Al-Tamimi", "Al-Obaidi", "Al-Zubaidi", "Al-Rubaie", "Kadhim", "Jabbar", "Hamid", "Salman", "Al-Dulaimi", "Rasheed", "Majeed", "Karim", "Taha", "Abdulla"],
        languages: &["ar", "ku", "en"],
        basis: "refugee",
    },
    Origin {
        nationality: "Iran",
        weight: 5,
        female: &["Maryam", "Fatemeh", "Zahra", "Narges", "Shirin", "Leila", "Parisa", "Sara", "Elham", "Mahsa", "Niloufar", "Azadeh", "Yasaman", "Shiva", "Golnaz"],
        male: &["Reza", "Ali", "Mohammad", "Hossein", "Mehdi", "Amir", "Saeed", "Hamid", "Arash", "Babak", "Kaveh", "Omid", "Pouya", "Dariush", "Farhad"],
        family: &["Hosseini", "Mohammadi", "Rezaei", "Karimi", "Moradi", "Jafari", "Rahimi", "Ahmadi", "Sadeghi", "Ghorbani", "Kazemi", "Tehrani", "Najafi", "Shirazi", "Ebrahimi"],
        languages: &["fa", "en"],
        basis: "refugee",
    },
];

/// Street names used for demo addresses (common Danish street names).
pub const STREETS: &[&str] = &[
    "Ahornvej", "Bøgevej", "Kirkevej", "Skolevej", "Stationsvej", "Møllevej", "Engvej", "Birkevej", "Granvej",
    "Lindevej", "Vestergade", "Østergade", "Nørregade", "Søndergade", "Strandvej", "Parkvej", "Rosenvej",
    "Kastanievej", "Elmevej", "Industrivej", "Ringstedvej", "Slotsvej", "Havnevej", "Bakkevej", "Tjørnevej",
];
