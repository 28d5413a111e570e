//! Demo knowledge-base articles: the same topics in English, Russian and Dutch, in the four
//! categories, true to how Portico works (its sign-in, reset, password rules, cases, files).
use crate::domain::Language;
use crate::domain::knowledge::ArticleCategory;

/// A demo article. Articles with the same `topic` are translations of each other.
pub struct DemoArticle {
    /// Translations share it.
    pub topic: u32,
    /// Unique article number.
    pub number: i64,
    /// Its language.
    pub language: Language,
    /// Its section.
    pub category: ArticleCategory,
    /// Names of the demo products it is about (may be empty).
    pub products: &'static [&'static str],
    /// Title.
    pub title: &'static str,
    /// One or two sentences.
    pub summary: &'static str,
    /// The text, in light Markdown.
    pub body: &'static str,
}

/// Every demo article.
pub const DEMO_ARTICLES: &[DemoArticle] = &[
    // ---- 1. Signing in (user guide) ----
    DemoArticle {
        topic: 1,
        number: 1011,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Signing in to the customer portal",
        summary: "Set your password from the welcome email, then sign in with your email address and password.",
        body: r#"Your access starts with the email "Welcome to the customer portal". Click **Set your password** in it, choose a password and you are signed in straight away. The link works once and for a limited time; the email says how long. If it has expired, use **Forgot password?** on the sign-in page or ask support for a new welcome email.

From then on, sign in like this:

1. Open the portal; you see the **Sign in** page.
2. Fill in **Email** and **Password**.
3. Click **Sign in**.

If you see "Wrong email or password.", check the address for typing errors. After several wrong passwords in a short time the portal asks you to wait a few minutes before trying again: this protects your account against guessing.

To sign out, open the **Account** menu in the page header and choose **Sign out**."#,
    },
    DemoArticle {
        topic: 1,
        number: 1012,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Вход на клиентский портал",
        summary: "Задайте пароль по ссылке из приветственного письма, а затем входите с адресом электронной почты и паролем.",
        body: r#"Доступ к порталу начинается с письма «Добро пожаловать на портал пользователя». Нажмите в нём **Задать пароль**, придумайте пароль — и вы сразу окажетесь на портале. Ссылка одноразовая и действует ограниченное время, срок указан в письме. Если он истёк, воспользуйтесь ссылкой **Забыли пароль?** на странице входа или попросите службу поддержки прислать письмо повторно.

В дальнейшем вход выглядит так:

1. Откройте портал — появится страница **Вход**.
2. Заполните поля **Электронная почта** и **Пароль**.
3. Нажмите **Войти**.

Если появилось сообщение «Неверный адрес электронной почты или пароль.», проверьте адрес на опечатки. После нескольких неверных паролей подряд портал попросит подождать несколько минут — так учётная запись защищена от подбора пароля.

Чтобы выйти, откройте меню **Учётная запись** в шапке страницы и выберите **Выйти**."#,
    },
    DemoArticle {
        topic: 1,
        number: 1013,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Aanmelden op het klantenportaal",
        summary: "Stel uw wachtwoord in via de welkomstmail en meld u daarna aan met uw e-mailadres en wachtwoord.",
        body: r#"Uw toegang begint met de e-mail "Welkom bij het klantenportaal". Klik daarin op **Wachtwoord instellen**, kies een wachtwoord en u bent meteen aangemeld. De link werkt één keer en is beperkt geldig; hoelang staat in de e-mail. Is hij verlopen? Gebruik dan **Wachtwoord vergeten?** op de aanmeldpagina of vraag de Support Helpdesk om een nieuwe welkomstmail.

Daarna meldt u zich zo aan:

1. Open het klantenportaal; u komt op de pagina **Aanmelden**.
2. Vul uw **E-mailadres** en **Wachtwoord** in.
3. Klik op **Aanmelden**.

Ziet u "Onjuist e-mailadres of wachtwoord.", controleer dan het adres op typefouten. Na meerdere foute wachtwoorden kort na elkaar vraagt het portaal u een paar minuten te wachten. Zo is uw account beschermd tegen het raden van wachtwoorden.

Afmelden doet u via het menu **Account** bovenaan de pagina: kies **Afmelden**."#,
    },
    // ---- 2. Forgot password (user guide) ----
    DemoArticle {
        topic: 2,
        number: 1021,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Forgot your password? Sign in with a temporary password",
        summary: "Ask for a temporary password on the sign-in page: it arrives by email and works for 24 hours.",
        body: r#"1. On the sign-in page, click **Forgot password?**.
2. Enter your username, which is the email address you sign in with, and click **Reset password**.
3. Open the email "Your temporary password for the customer portal" and sign in with the temporary password it contains.
4. The page **Choose a new password** opens at once. Type your new password twice and click **Set password**.

The temporary password works once and for 24 hours. Only the newest one counts: if you asked twice, use the latest email. Until you use it, your current password keeps working, so you can ignore an email you did not ask for.

There is no reset link to click: the email holds the password itself. Nothing after a few minutes? Look in your spam folder. For your security the page answers the same whether or not the address has portal access; if the email never arrives, ask a colleague to create a case for you."#,
    },
    DemoArticle {
        topic: 2,
        number: 1022,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Забыли пароль? Войдите с временным паролем",
        summary: "Запросите временный пароль на странице входа: он придёт по электронной почте и действует 24 часа.",
        body: r#"1. На странице входа нажмите **Забыли пароль?**.
2. Введите имя пользователя — адрес электронной почты, с которым вы входите, — и нажмите **Сбросить пароль**.
3. Откройте письмо «Временный пароль для портала пользователя» и войдите с паролем из него.
4. Сразу откроется страница **Задайте новый пароль**. Введите новый пароль дважды и нажмите **Задать пароль**.

Временный пароль одноразовый и действует 24 часа. Работает только последний из них: если вы запросили сброс дважды, используйте пароль из более позднего письма. Пока вы им не воспользовались, прежний пароль тоже действует.

Ссылки для сброса нет — в письме сразу указан пароль. Письма нет через несколько минут? Проверьте папку «Спам». В целях безопасности портал отвечает одинаково, есть у адреса доступ или нет; если письмо так и не пришло, попросите коллегу создать обращение за вас."#,
    },
    DemoArticle {
        topic: 2,
        number: 1023,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Wachtwoord vergeten? Meld u aan met een tijdelijk wachtwoord",
        summary: "Vraag op de aanmeldpagina een tijdelijk wachtwoord aan: u ontvangt het per e-mail en het is 24 uur geldig.",
        body: r#"1. Klik op de aanmeldpagina op **Wachtwoord vergeten?**.
2. Vul uw gebruikersnaam in, dat is het e-mailadres waarmee u zich aanmeldt, en klik op **Wachtwoord resetten**.
3. Open de e-mail "Uw tijdelijke wachtwoord voor het klantenportaal" en meld u aan met het tijdelijke wachtwoord.
4. Meteen opent de pagina **Kies een nieuw wachtwoord**. Typ uw nieuwe wachtwoord twee keer en klik op **Wachtwoord instellen**.

Het tijdelijke wachtwoord werkt één keer en is 24 uur geldig. Alleen het laatste telt: gebruik dus de nieuwste e-mail. Zolang u het niet gebruikt, blijft uw huidige wachtwoord werken.

U krijgt geen link om op te klikken: het wachtwoord staat in de e-mail zelf. Niets ontvangen na enkele minuten? Kijk in uw spammap. Komt er geen e-mail, vraag dan een collega om een dossier voor u aan te maken."#,
    },
    // ---- 3. Creating a case (user guide) ----
    DemoArticle {
        topic: 3,
        number: 1031,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Creating a support case",
        summary: "Create a case from the home page: subject, description, product, country and any files, then Submit.",
        body: r#"A case in the portal is the quickest way to reach support, and everything about your question stays in one place.

1. On the home page, click **Create case**.
2. In **Subject**, name the product and the problem in a few words.
3. In **Description**, write what you did, what you expected and what happened instead. Add claim, estimate or invoice numbers.
4. In **Product**, type at least the first three characters and pick the product from the suggestions, or press Enter to see every product that starts with them.
5. Check **Country**: it starts with your company's country.
6. Add screenshots or files under **Attachments**, then click **Submit**.

The page confirms "Case 00001024: created." and you receive an email with the case number. Please quote this 8-digit number whenever you contact support about the case."#,
    },
    DemoArticle {
        topic: 3,
        number: 1032,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Как создать обращение",
        summary: "Обращение создаётся с начальной страницы: тема, описание, продукт, страна, при необходимости файлы — и кнопка «Отправить».",
        body: r#"Обращение на портале — самый быстрый способ связаться с поддержкой.

1. На начальной странице нажмите **Создать обращение**.
2. В поле **Тема** укажите продукт и коротко опишите проблему.
3. В поле **Описание** расскажите, что вы делали, что ожидали увидеть и что произошло на самом деле. Укажите номера убытков, расчётов или счетов.
4. В поле **Продукт** введите хотя бы первые три символа и выберите продукт из подсказок или нажмите Enter, чтобы увидеть все продукты, которые начинаются с этих символов.
5. Проверьте поле **Страна** — по умолчанию в нём страна вашей компании.
6. При необходимости приложите снимки экрана или файлы в разделе **Вложения** и нажмите **Отправить**.

Появится сообщение «Обращение 00001024: создано.», а на почту придёт письмо с номером. Называйте этот восьмизначный номер всякий раз, когда связываетесь с поддержкой по этому вопросу."#,
    },
    DemoArticle {
        topic: 3,
        number: 1033,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Een dossier aanmaken",
        summary: "Maak een dossier aan vanaf de hoofdpagina: onderwerp, beschrijving, product, land en eventuele bijlagen, en klik op Indienen.",
        body: r#"Een dossier aanmaken via het klantenportaal is de snelste manier om support te bereiken.

1. Klik op de hoofdpagina op **Dossier aanmaken**.
2. Typ in **Onderwerp** de productnaam en een korte omschrijving van het probleem.
3. Beschrijf in **Beschrijving** zo grondig mogelijk wat u deed, wat u verwachtte en wat er gebeurde. Vermeld het schade-, calculatie- of factuurnummer.
4. Typ in **Product** minstens de eerste drie tekens en klik op het voorgestelde product, of druk op Enter voor alle producten die zo beginnen.
5. Controleer het **Land**: standaard staat het land van uw bedrijf ingevuld.
6. Voeg eventueel schermafdrukken of bestanden toe bij **Bijlagen** en klik op **Indienen**.

U ziet de melding "Dossier 00001024: aangemaakt." en ontvangt een e-mail met het dossiernummer. Vermeld dit nummer van 8 cijfers telkens wanneer u de Support Helpdesk over deze vraag contacteert."#,
    },
    // ---- 4. Attachments (user guide) ----
    DemoArticle {
        topic: 4,
        number: 1041,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Adding screenshots and files to a case",
        summary: "Drag files onto the case form or click Upload files; a case holds up to 20 files.",
        body: r#"A screenshot of the error, or the file that causes the problem, often saves a round of questions.

When you create a case, drag files onto **Attachments** or click **Upload files** to choose them. Each file shows its progress; **Remove** takes one off before you submit. The file picker also has the tabs **Owned by me** (files you sent before), **Shared with me** (files support shared with you) and **Recent** (the last 30 days), to attach a file again without uploading it.

On an existing case, add files in its **Attachments** section with **Add to case**. Files from support appear in the same list.

Limits: at most 20 files per case, each no larger than the size shown under the upload area (25 MB unless your portal is set otherwise). Empty files are refused. If an upload is interrupted, remove the file and try again."#,
    },
    DemoArticle {
        topic: 4,
        number: 1042,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Как приложить файлы к обращению",
        summary: "Перетащите файлы в форму обращения или нажмите «Загрузить файлы»: к обращению можно приложить до 20 файлов.",
        body: r#"Снимок экрана с ошибкой или файл, на котором воспроизводится проблема, часто избавляют от лишних уточнений.

При создании обращения перетащите файлы в раздел **Вложения** или нажмите **Загрузить файлы**. У каждого файла виден ход загрузки; лишний можно убрать кнопкой **Удалить** до отправки. В окне выбора файлов есть вкладки **Принадлежащие мне** (уже отправленные вами), **Используемые совместно** (присланные поддержкой) и **Недавние** (за последние 30 дней) — их можно прикрепить снова без повторной загрузки.

К созданному обращению файлы добавляются в разделе **Вложения** кнопкой **Добавить к обращению**. Там же видны файлы от службы поддержки.

Ограничения: не более 20 файлов на обращение, каждый — не больше размера, указанного под областью загрузки (25 МБ, если на портале не задано иное). Пустые файлы не принимаются. Если загрузка прервалась, удалите файл и загрузите его снова."#,
    },
    DemoArticle {
        topic: 4,
        number: 1043,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Schermafdrukken en bestanden toevoegen aan een dossier",
        summary: "Sleep bestanden naar het formulier of klik op Upload bestand; een dossier kan maximaal 20 bestanden bevatten.",
        body: r#"Sleep bij het aanmaken van een dossier uw bestanden naar **Bijlagen** of klik op **Upload bestand**. Per bestand ziet u de voortgang; met **Verwijderen** haalt u er een weg vóór het indienen. In het venster om bestanden bij te voegen staan ook de tabbladen **Eigendom van mij** (bijlagen die u eerder stuurde), **Met mij gedeeld** (bijlagen van support) en **Recent** (de laatste 30 dagen): die voegt u opnieuw toe zonder ze weer te uploaden.

Bij een bestaand dossier voegt u bestanden toe in het gedeelte **Bijlagen** met **Aan dossier toevoegen**. Daar staan ook de bijlagen van de supportmedewerker.

Limieten: maximaal 20 bestanden per dossier, elk niet groter dan onder het uploadvak staat (25 MB, tenzij uw portaal anders is ingesteld). Lege bestanden worden geweigerd. Is het uploaden onderbroken, verwijder het bestand en probeer het opnieuw."#,
    },
    // ---- 5. Case lists (user guide) ----
    DemoArticle {
        topic: 5,
        number: 1051,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Finding your cases: My cases, All cases and Recently viewed",
        summary: "Check the status of your own cases, your colleagues' cases and the ones you opened lately.",
        body: r#"Click **My cases** in the page header. Above the list you choose a view:

- **My cases**: the cases you created, open and closed.
- **All cases**: every case of your company, whoever created it.
- **Recently viewed**: the cases you opened lately.

Sort by clicking a column header, pick a status, or type in **Search this list** and click **Apply**. Click a case number to open the case: its status, details, **Case comments**, **Attachments** and any **Articles** support added.

On the case page, **Follow** emails you on every update, even on a colleague's case. **Printable view** gives a clean page to print or save, and **Clone** starts a new case with the same subject, description, product and country."#,
    },
    DemoArticle {
        topic: 5,
        number: 1052,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Списки обращений: мои, все и недавно просмотренные",
        summary: "Как проверить статус своих обращений, обращений коллег и тех, что вы недавно открывали.",
        body: r#"Нажмите **Мои обращения** в шапке страницы. Над списком можно выбрать представление:

- **Мои обращения** — все активные и архивные обращения, созданные вами;
- **Все обращения** — обращения всех сотрудников вашей компании;
- **Недавно просмотренные** — обращения, которые вы недавно открывали.

Список сортируется щелчком по заголовку столбца, его можно отфильтровать по статусу или ввести запрос в поле **Поиск по данному списку** и нажать **Применить**. Щёлкните номер, чтобы открыть обращение: там статус, подробности, **Комментарии к обращению**, **Вложения** и **Статьи**, добавленные поддержкой.

Кнопка **Подписаться** включает письма о каждом изменении — даже по обращению коллеги. **Версия для печати** открывает страницу, удобную для печати или сохранения, а **Клонировать** создаёт новое обращение с той же темой, описанием, продуктом и страной."#,
    },
    DemoArticle {
        topic: 5,
        number: 1053,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Uw dossiers terugvinden: Mijn dossiers, Alle dossiers en Recent bekeken",
        summary: "Bekijk de status van uw eigen dossiers, die van uw collega's en de dossiers die u onlangs opende.",
        body: r#"Klik bovenaan op **Dossiers**. Boven de lijst kiest u een weergave:

- **Mijn dossiers**: alle actieve en afgesloten dossiers die u zelf aanmaakte;
- **Alle dossiers**: alle dossiers van uw bedrijf, wie ze ook aanmaakte;
- **Recent bekeken**: de dossiers die u onlangs opende.

Sorteer door op een kolomkop te klikken, kies een status of zoek via **Zoeken in deze lijst** en klik op **Toepassen**. Klik op een dossiernummer om het dossier te openen: u ziet de status, de details, de **Caseopmerkingen**, de **Bijlagen** en de **Artikelen** die de supportmedewerker toevoegde.

Met **Volgen** krijgt u bij elke wijziging een e-mail, ook bij het dossier van een collega. **Afdrukweergave** toont een nette pagina om af te drukken of te bewaren, en **Klonen** start een nieuw dossier met hetzelfde onderwerp, dezelfde beschrijving, hetzelfde product en land."#,
    },
    // ---- 6. Solved cases (user guide) ----
    DemoArticle {
        topic: 6,
        number: 1061,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "When support proposes a solution: confirm, reopen or comment",
        summary: "What happens when your case is solved, how to reopen it, and when it closes.",
        body: r#"When support has a solution, the case becomes **Solved** and you receive the email "Update on your case – solution proposed for case …". The solution also appears under **Resolution** on the case page.

- The solution works? Click **My problem is solved**: the case closes.
- Not solved, or the problem came back? Click **Reopen case**, or add a comment that says what still happens. Either way the case goes back to **In progress** and support is told.
- If you do nothing, the case closes by itself after a number of days set by support.

When the case is closed, its contact receives a short satisfaction survey by email: a rating from 1 to 5 and an optional comment. The link works without signing in, for 28 days, and you can answer once. Your feedback helps us improve our service."#,
    },
    DemoArticle {
        topic: 6,
        number: 1062,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Предложено решение: подтвердить, возобновить или прокомментировать",
        summary: "Что происходит, когда обращение решено, как открыть его снова и когда оно закрывается.",
        body: r#"Когда у поддержки есть решение, обращение получает статус **Решено**, и вам приходит письмо «Обновление по вашему обращению – предложено решение по обращению …». Текст решения виден и на странице обращения в поле **Решение**.

- Решение помогло — нажмите **Моя проблема решена**, и обращение закроется.
- Проблема не решена или повторилась — нажмите **Открыть обращение снова** или напишите комментарий о том, что происходит. В обоих случаях обращение вернётся в статус **В работе**, а поддержка получит уведомление.
- Если ничего не делать, обращение закроется автоматически через несколько дней; срок задаёт служба поддержки.

После закрытия контактное лицо получает письмо с коротким опросом: оценка от 1 до 5 и комментарий по желанию. Ссылка работает без входа на портал в течение 28 дней, ответить можно один раз. Ваши отзывы помогают нам работать лучше."#,
    },
    DemoArticle {
        topic: 6,
        number: 1063,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Oplossing voorgesteld: bevestigen, heropenen of reageren",
        summary: "Wat er gebeurt wanneer uw dossier is opgelost, hoe u het heropent en wanneer het wordt gesloten.",
        body: r#"Heeft support een oplossing, dan krijgt het dossier de status **Opgelost** en ontvangt u de e-mail "Update over uw dossier – oplossing voorgesteld voor dossier …". De oplossing staat ook in het veld **Oplossing** op de dossierpagina.

- Werkt de oplossing? Klik op **Mijn probleem is opgelost**: het dossier wordt gesloten.
- Niet opgelost, of komt het probleem terug? Klik op **Dossier heropenen** of voeg een opmerking toe over wat er nog misgaat. In beide gevallen gaat het dossier terug naar **In behandeling** en krijgt support bericht.
- Doet u niets, dan wordt het dossier na een aantal dagen automatisch gesloten; hoeveel dagen bepaalt support.

Bij het sluiten ontvangt de contactpersoon een e-mail met een korte enquête: een score van 1 tot 5 en eventueel een opmerking. De link werkt zonder aanmelden, 28 dagen lang, en u kunt één keer antwoorden. Met uw feedback kunnen we onze dienstverlening blijven verbeteren."#,
    },
    // ---- 7. Knowledge base (user guide) ----
    DemoArticle {
        topic: 7,
        number: 1071,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Finding answers in the knowledge base",
        summary: "Search the user guides, training videos, documentation and release notes before you create a case.",
        body: r#"Many questions already have an answer. Type your question in the search box on the home page, or open **Knowledge base** in the header, and click **Search**.

- Every word you type must occur in an article, so start with two or three telling words, such as "temporary password" or "attachments".
- Narrow the results with **Category** (User guides, Training videos, Documentation, Release notes), **Language** and **Product**.
- Articles in your language come first, and the words you searched for are highlighted.

Each article has a 9-digit number at the top, such as 000001071; mention it when you talk to support. Support may also add articles to your case: you find them under **Articles** on the case page.

No answer yet? Create a case."#,
    },
    DemoArticle {
        topic: 7,
        number: 1072,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Поиск ответов в базе знаний",
        summary: "Прежде чем создавать обращение, поищите ответ в руководствах, обучающих видеороликах, документации и примечаниях к выпуску.",
        body: r#"На многие вопросы ответ уже есть. Введите вопрос в поле поиска на начальной странице или откройте **База знаний** в шапке страницы и нажмите **Найти**.

- В статье должны встречаться все введённые слова, поэтому начните с двух-трёх ключевых, например «временный пароль» или «вложения».
- Сузьте результаты фильтрами **Категория** (руководства пользователя, обучающие видеоролики, документация, примечания к выпуску), **Язык** и **Продукт**.
- Статьи на вашем языке показываются первыми, а найденные слова выделяются.

У каждой статьи вверху указан 9-значный номер, например 000001072, — его удобно назвать сотруднику поддержки. Поддержка может и сама прикрепить статью к обращению: она появится в разделе **Статьи** на странице обращения.

Ответа не нашлось? Создайте обращение."#,
    },
    DemoArticle {
        topic: 7,
        number: 1073,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Antwoorden vinden in de FAQ",
        summary: "Zoek in gebruikershandleidingen, leervideo's, documentatie en releasenota's voordat u een dossier aanmaakt.",
        body: r#"Veel vragen hebben al een antwoord. Typ uw vraag in het zoekveld op de hoofdpagina, of open **FAQ** bovenaan, en klik op **Zoeken**.

- Elk woord dat u typt moet in het artikel voorkomen. Begin dus met twee of drie kernwoorden, zoals "tijdelijk wachtwoord" of "bijlagen".
- Verfijn de resultaten met **Categorie** (gebruikershandleidingen, leervideo's, documentatie, releasenota's), **Taal** en **Product**.
- Artikelen in uw taal staan bovenaan en de gezochte woorden zijn gemarkeerd.

Elk artikel heeft bovenaan een nummer van 9 cijfers, zoals 000001073. Vermeld dat nummer als u met support spreekt. Een supportmedewerker kan ook artikelen aan uw dossier toevoegen; u vindt ze onder **Artikelen** op de dossierpagina.

Nog geen antwoord? Maak dan een dossier aan."#,
    },
    // ---- 8. Portal access for a colleague (user guide) ----
    DemoArticle {
        topic: 8,
        number: 1081,
        language: Language::En,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Portal access for a colleague",
        summary: "How a colleague gets their own portal access, and what to do when someone leaves your company.",
        body: r#"Portal access is personal: each colleague signs in with their own email address. You cannot add users yourself; support manages access for your company.

To request access, create a case with the subject "Portal access" and give your colleague's full name, email address, phone number and language (English, Russian or Dutch). Your company may have a limit on contacts with portal access; if it is reached, tell us whose access should end. Once access is given, your colleague receives the welcome email with a link to set a password.

When someone leaves, create a case and we take their access away: they are signed out at once. Their cases stay visible under **All cases**.

Colleagues without portal access can still reach support by phone or email. Support then logs the case for them, and they receive its emails."#,
    },
    DemoArticle {
        topic: 8,
        number: 1082,
        language: Language::Ru,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Доступ к порталу для коллеги",
        summary: "Как коллеге получить собственный доступ к порталу и что делать, если сотрудник уходит из компании.",
        body: r#"Доступ к порталу персональный: каждый входит под своим адресом почты. Доступом для вашей компании управляет служба поддержки.

Чтобы запросить доступ, создайте обращение с темой «Доступ к порталу» и укажите имя и фамилию коллеги, адрес электронной почты, телефон и язык (русский, английский или нидерландский). Число контактов с доступом к порталу у компании может быть ограничено; если лимит исчерпан, напишите, у кого доступ нужно отключить. Когда доступ открыт, коллега получает приветственное письмо со ссылкой для задания пароля.

Если сотрудник уволился, создайте обращение, и мы отключим доступ — все его сеансы сразу завершатся. Его обращения останутся в списке **Все обращения**.

Коллеги без доступа к порталу могут позвонить или написать в поддержку: сотрудник создаст обращение за них, и письма по нему будут приходить им на почту."#,
    },
    DemoArticle {
        topic: 8,
        number: 1083,
        language: Language::Nl,
        category: ArticleCategory::UserGuides,
        products: &[],
        title: "Portaaltoegang voor een collega",
        summary: "Hoe een collega een eigen toegang tot het klantenportaal krijgt, en wat u doet als iemand het bedrijf verlaat.",
        body: r#"Toegang tot het klantenportaal is persoonlijk: elke collega meldt zich aan met een eigen e-mailadres. Toegang beheert altijd de Support Helpdesk.

Voor een nieuwe toegang maakt u een dossier aan met als onderwerp "Portaaltoegang", met naam, voornaam, e-mailadres, telefoonnummer en taal (Nederlands, Engels of Russisch) van uw collega. Het aantal contactpersonen met toegang kan per bedrijf beperkt zijn; is de limiet bereikt, laat dan weten wiens toegang mag vervallen. Zodra de toegang er is, krijgt uw collega de welkomstmail met een link om een wachtwoord in te stellen.

Vertrekt er iemand? Maak een dossier aan, dan trekken we de toegang in en wordt die persoon meteen afgemeld. Zijn of haar dossiers blijven zichtbaar onder **Alle dossiers**.

Collega's zonder toegang kunnen support nog altijd bellen of mailen. De supportmedewerker maakt dan het dossier voor hen aan en zij ontvangen de updates per e-mail."#,
    },
    // ---- 9. Video: your first case (training video) ----
    DemoArticle {
        topic: 9,
        number: 1091,
        language: Language::En,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter claims"],
        title: "Video: Your first case, step by step",
        summary: "A six-minute video that follows one Qapter claims question from the home page to its solution.",
        body: r#"This training video follows an everyday example: after an update, an estimate in Qapter claims shows the wrong total. You watch a user create a case, follow it and close it. Length: 6 min 20 s.

## Chapters

- 0:00 Signing in and the home page
- 0:45 Searching the knowledge base first
- 1:30 **Create case**: subject, description and claim number
- 2:35 Choosing the product: typing "Qap" and picking Qapter claims
- 3:10 Attaching a screenshot
- 3:50 The confirmation and the 8-digit case number
- 4:30 Following the case in **My cases** and adding a comment
- 5:25 The solution email, **My problem is solved** and the survey

Afterwards you can create and follow cases on your own. The same steps are written out in the user guide "Creating a support case" (article 000001031)."#,
    },
    DemoArticle {
        topic: 9,
        number: 1092,
        language: Language::Ru,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter claims"],
        title: "Видео: первое обращение шаг за шагом",
        summary: "Шестиминутный ролик: один вопрос по Qapter claims от начальной страницы до решения.",
        body: r#"В этом обучающем видео разобран типичный случай: после обновления расчёт в Qapter claims показывает неверную итоговую сумму. Вы увидите, как пользователь создаёт обращение, следит за ним и закрывает его. Продолжительность: 6 мин 20 с.

## Содержание

- 0:00 Вход и начальная страница
- 0:45 Сначала — поиск в базе знаний
- 1:30 **Создать обращение**: тема, описание и номер убытка
- 2:35 Выбор продукта: вводим «Qap» и выбираем Qapter claims
- 3:10 Прикрепляем снимок экрана
- 3:50 Подтверждение и восьмизначный номер обращения
- 4:30 Обращение в списке **Мои обращения**, добавляем комментарий
- 5:25 Письмо с решением, кнопка **Моя проблема решена** и опрос

После просмотра вы сможете сами создавать обращения и следить за ними. Те же шаги описаны в руководстве «Как создать обращение» (статья 000001032)."#,
    },
    DemoArticle {
        topic: 9,
        number: 1093,
        language: Language::Nl,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter claims"],
        title: "Video: uw eerste dossier, stap voor stap",
        summary: "Een video van zes minuten die één vraag over Qapter claims volgt, van de hoofdpagina tot de oplossing.",
        body: r#"Deze trainingsvideo volgt een voorbeeld uit de praktijk: na een update toont een calculatie in Qapter claims een verkeerd totaalbedrag. U ziet hoe een gebruiker een dossier aanmaakt, opvolgt en afsluit. Duur: 6 min 20 s.

## Hoofdstukken

- 0:00 Aanmelden en de hoofdpagina
- 0:45 Eerst zoeken in de FAQ
- 1:30 **Dossier aanmaken**: onderwerp, beschrijving en schadenummer
- 2:35 Het product kiezen: "Qap" typen en Qapter claims aanklikken
- 3:10 Een schermafdruk bijvoegen
- 3:50 De bevestiging en het dossiernummer van 8 cijfers
- 4:30 Het dossier opvolgen in **Mijn dossiers** en een opmerking toevoegen
- 5:25 De e-mail met de oplossing, **Mijn probleem is opgelost** en de enquête

Daarna maakt u zelf dossiers aan en volgt u ze op. Dezelfde stappen staan uitgeschreven in de handleiding "Een dossier aanmaken" (artikel 000001033)."#,
    },
    // ---- 10. Video: PlanManager (training video) ----
    DemoArticle {
        topic: 10,
        number: 1101,
        language: Language::En,
        category: ArticleCategory::TrainingVideos,
        products: &["PlanManager", "PlanManager Online"],
        title: "Video: Reporting a PlanManager problem with the right details",
        summary: "A five-minute video on the details support needs about a PlanManager problem, and how to send them in one case.",
        body: r#"PlanManager questions are solved faster when the first message holds everything. This video shows which details to collect in PlanManager and how to put them in a case. Length: 5 min 10 s.

## Chapters

- 0:00 Why one complete case beats several phone calls
- 0:40 Collecting the details: work order number, user name, time of the error
- 1:35 A screenshot of the whole screen, error message included
- 2:20 Choosing PlanManager or PlanManager Online in the **Product** field
- 3:05 A description support can follow step by step
- 4:00 Adding a later finding as a comment instead of a new case

Tip: filter the knowledge base on **Product** to see only the articles about PlanManager."#,
    },
    DemoArticle {
        topic: 10,
        number: 1102,
        language: Language::Ru,
        category: ArticleCategory::TrainingVideos,
        products: &["PlanManager", "PlanManager Online"],
        title: "Видео: как сообщить о проблеме в PlanManager, ничего не упустив",
        summary: "Пятиминутный ролик о том, какие сведения нужны поддержке по PlanManager и как передать их в одном обращении.",
        body: r#"Вопросы по PlanManager решаются быстрее, когда в первом же сообщении есть всё необходимое. В ролике показано, какие данные собрать в PlanManager и как оформить их в обращении. Продолжительность: 5 мин 10 с.

## Содержание

- 0:00 Почему одно полное обращение лучше нескольких звонков
- 0:40 Собираем данные: номер заказ-наряда, имя пользователя, время ошибки
- 1:35 Снимок всего экрана вместе с сообщением об ошибке
- 2:20 Выбор PlanManager или PlanManager Online в поле **Продукт**
- 3:05 Описание, по которому поддержка сможет повторить ваши действия
- 4:00 Новые подробности — комментарием, а не новым обращением

Совет: чтобы увидеть только статьи о PlanManager, выберите его в фильтре **Продукт** базы знаний."#,
    },
    DemoArticle {
        topic: 10,
        number: 1103,
        language: Language::Nl,
        category: ArticleCategory::TrainingVideos,
        products: &["PlanManager", "PlanManager Online"],
        title: "Video: een probleem in PlanManager melden met de juiste gegevens",
        summary: "Een video van vijf minuten over de gegevens die support nodig heeft bij een probleem in PlanManager, en hoe u ze in één dossier doorgeeft.",
        body: r#"Vragen over PlanManager zijn sneller opgelost als het eerste bericht alles bevat. Deze video toont welke gegevens u in PlanManager verzamelt en hoe u ze in een dossier zet. Duur: 5 min 10 s.

## Hoofdstukken

- 0:00 Waarom één volledig dossier beter werkt dan meerdere telefoontjes
- 0:40 Gegevens verzamelen: werkordernummer, gebruikersnaam, tijdstip van de fout
- 1:35 Een schermafdruk van het hele scherm, met de foutmelding erop
- 2:20 PlanManager of PlanManager Online kiezen in het veld **Product**
- 3:05 Een beschrijving die support stap voor stap kan volgen
- 4:00 Latere bevindingen als opmerking toevoegen in plaats van een nieuw dossier

Tip: kies in de FAQ PlanManager bij **Product** om alleen de artikelen over PlanManager te zien."#,
    },
    // ---- 11. Video: Qapter Photo Estimate uploads (training video) ----
    DemoArticle {
        topic: 11,
        number: 1111,
        language: Language::En,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter Photo Estimate", "Qapter"],
        title: "Video: Photos stay in the upload queue of Qapter Photo Estimate",
        summary: "A seven-minute troubleshooting video: the checks you can do yourself, and what to send support if photos still do not upload.",
        body: r#"Photos that stay in the upload queue are among the most frequent Qapter Photo Estimate questions. This video walks through the checks you can do yourself and shows how to report the problem when they do not help. Length: 6 min 45 s.

## Chapters

- 0:00 What the problem looks like
- 0:50 Check 1: network connection and company proxy
- 1:55 Check 2: size and format of the photos from the camera or phone
- 3:00 Check 3: sign out, sign in again and try another browser
- 4:10 Still stuck: a case with the product Qapter Photo Estimate
- 5:00 Attaching a sample photo and a screenshot of the queue
- 6:05 Following up under **Case comments**

Each attachment must stay within the per-file limit shown under the upload area, so send one or two sample photos rather than the whole set."#,
    },
    DemoArticle {
        topic: 11,
        number: 1112,
        language: Language::Ru,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter Photo Estimate", "Qapter"],
        title: "Видео: фотографии не загружаются в Qapter Photo Estimate",
        summary: "Семиминутный ролик: что проверить самостоятельно и что отправить в поддержку, если фотографии так и остаются в очереди загрузки.",
        body: r#"Фотографии, которые застревают в очереди загрузки, — один из самых частых вопросов по Qapter Photo Estimate. В ролике разобраны проверки, которые можно выполнить самому, и показано, как сообщить о проблеме, если они не помогли. Продолжительность: 6 мин 45 с.

## Содержание

- 0:00 Как выглядит проблема
- 0:50 Проверка 1: подключение к сети и прокси-сервер компании
- 1:55 Проверка 2: размер и формат снимков с камеры или телефона
- 3:00 Проверка 3: выйти, войти снова и попробовать другой браузер
- 4:10 Не помогло: обращение с продуктом Qapter Photo Estimate
- 5:00 Прикладываем пример снимка и скриншот очереди
- 6:05 Дальнейшая переписка в разделе **Комментарии к обращению**

Размер каждого вложения ограничен (лимит указан под областью загрузки), поэтому пришлите один-два примера, а не всю серию снимков."#,
    },
    DemoArticle {
        topic: 11,
        number: 1113,
        language: Language::Nl,
        category: ArticleCategory::TrainingVideos,
        products: &["Qapter Photo Estimate", "Qapter"],
        title: "Video: foto's blijven in de uploadwachtrij van Qapter Photo Estimate",
        summary: "Een video van zeven minuten: wat u zelf kunt controleren, en wat u naar support stuurt als foto's nog steeds niet uploaden.",
        body: r#"Foto's die in de uploadwachtrij blijven hangen, zijn een van de meest gestelde vragen over Qapter Photo Estimate. Deze video loopt de controles door die u zelf kunt doen en toont hoe u het probleem meldt als ze niet helpen. Duur: 6 min 45 s.

## Hoofdstukken

- 0:00 Hoe het probleem eruitziet
- 0:50 Controle 1: netwerkverbinding en de proxy van uw bedrijf
- 1:55 Controle 2: grootte en formaat van de foto's van camera of telefoon
- 3:00 Controle 3: afmelden, opnieuw aanmelden en een andere browser proberen
- 4:10 Lukt het nog niet: een dossier met het product Qapter Photo Estimate
- 5:00 Een voorbeeldfoto en een schermafdruk van de wachtrij bijvoegen
- 6:05 Opvolgen via **Caseopmerkingen**

Elke bijlage moet binnen de limiet per bestand blijven die onder het uploadvak staat. Stuur dus één of twee voorbeeldfoto's in plaats van de hele reeks."#,
    },
    // ---- 12. Video: Albatros Invoicing (training video) ----
    DemoArticle {
        topic: 12,
        number: 1121,
        language: Language::En,
        category: ArticleCategory::TrainingVideos,
        products: &["Albatros Invoicing", "Albatros Payments"],
        title: "Video: Asking about an invoice in Albatros Invoicing",
        summary: "A five-minute video on reporting a wrong or missing invoice in Albatros Invoicing, from the invoice number to the solution.",
        body: r#"An invoice that is wrong, missing or not sent is checked faster when support sees exactly what you see. This video shows how to gather the facts in Albatros Invoicing and send them in a case. Length: 4 min 50 s.

## Chapters

- 0:00 Which invoice questions support can help with
- 0:35 Finding the invoice number, date and customer
- 1:20 Saving the invoice and any error message as PDF or screenshot
- 2:15 Creating the case: product Albatros Invoicing, invoice number in the subject
- 3:10 What **Awaiting your reply** means and how to answer with a comment
- 4:05 Reading the solution and confirming it with **My problem is solved**

Payment questions follow the same steps: choose Albatros Payments as the product."#,
    },
    DemoArticle {
        topic: 12,
        number: 1122,
        language: Language::Ru,
        category: ArticleCategory::TrainingVideos,
        products: &["Albatros Invoicing", "Albatros Payments"],
        title: "Видео: вопрос по счёту в Albatros Invoicing",
        summary: "Пятиминутный ролик о том, как сообщить о неверном или пропавшем счёте в Albatros Invoicing — от номера счёта до решения.",
        body: r#"Неверный, пропавший или не отправленный счёт проверяется быстрее, если поддержка видит то же, что и вы. В ролике показано, как собрать сведения в Albatros Invoicing и передать их в обращении. Продолжительность: 4 мин 50 с.

## Содержание

- 0:00 С какими вопросами по счетам поможет поддержка
- 0:35 Находим номер счёта, дату и клиента
- 1:20 Сохраняем счёт и сообщение об ошибке в PDF или снимком экрана
- 2:15 Создаём обращение: продукт Albatros Invoicing, номер счёта в теме
- 3:10 Что означает статус **Ожидает вашего ответа** и как ответить комментарием
- 4:05 Читаем решение и подтверждаем его кнопкой **Моя проблема решена**

Вопросы по платежам оформляются так же, только в поле продукта выберите Albatros Payments."#,
    },
    DemoArticle {
        topic: 12,
        number: 1123,
        language: Language::Nl,
        category: ArticleCategory::TrainingVideos,
        products: &["Albatros Invoicing", "Albatros Payments"],
        title: "Video: een vraag over een factuur in Albatros Invoicing",
        summary: "Een video van vijf minuten over het melden van een foute of ontbrekende factuur in Albatros Invoicing, van factuurnummer tot oplossing.",
        body: r#"Een factuur die fout is, ontbreekt of niet verstuurd werd, is sneller nagekeken als support precies ziet wat u ziet. Deze video toont hoe u de gegevens in Albatros Invoicing verzamelt en in een dossier doorgeeft. Duur: 4 min 50 s.

## Hoofdstukken

- 0:00 Bij welke factuurvragen support kan helpen
- 0:35 Factuurnummer, datum en klant opzoeken
- 1:20 De factuur en eventuele foutmelding bewaren als pdf of schermafdruk
- 2:15 Het dossier aanmaken: product Albatros Invoicing, factuurnummer in het onderwerp
- 3:10 Wat **Wacht op uw reactie** betekent en hoe u met een opmerking antwoordt
- 4:05 De oplossing lezen en bevestigen met **Mijn probleem is opgelost**

Vragen over betalingen volgen dezelfde stappen; kies dan Albatros Payments als product."#,
    },
    // ---- 13. Password rules (documentation) ----
    DemoArticle {
        topic: 13,
        number: 1131,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Password rules for the customer portal",
        summary: "A portal password needs at least 10 characters and must not be easy to guess.",
        body: r#"The portal checks every new password: the first one from the welcome email, the one you choose after a temporary password, and a change under **Account** → **Change password**.

- At least 10 characters, and at most 200.
- Not easy to guess: common passwords, keyboard patterns such as "qwertyuiop", and your own name or email address are refused with "This password is too easy to guess."
- No rules about digits, capitals or symbols. Length counts most: a phrase of a few unrelated words is strong and easy to remember.
- A changed password must differ from the current one.

Changing your password signs you out on your other devices. Passwords are stored only in a form that cannot be read back, so support can never tell you yours. Forgot it? Use **Forgot password?** on the sign-in page."#,
    },
    DemoArticle {
        topic: 13,
        number: 1132,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Требования к паролю клиентского портала",
        summary: "Пароль должен содержать не менее 10 символов, и его не должно быть легко угадать.",
        body: r#"Портал проверяет каждый новый пароль: первый, заданный по ссылке из приветственного письма, новый после входа с временным паролем и при смене в меню **Учётная запись** → **Смена пароля**.

- Не менее 10 символов и не более 200.
- Пароль не должен легко угадываться: распространённые пароли, последовательности клавиш вроде «qwertyuiop», ваше имя или адрес почты отклоняются с сообщением «Этот пароль слишком легко угадать».
- Требований к цифрам, заглавным буквам и спецсимволам нет. Важнее всего длина: фраза из нескольких не связанных между собой слов надёжна и легко запоминается.
- Новый пароль должен отличаться от текущего.

После смены пароля на других устройствах выполняется выход. Пароли хранятся в виде, из которого их нельзя восстановить, поэтому служба поддержки не может подсказать ваш пароль. Забыли его? Нажмите **Забыли пароль?** на странице входа."#,
    },
    DemoArticle {
        topic: 13,
        number: 1133,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Wachtwoordregels van het klantenportaal",
        summary: "Een wachtwoord voor het portaal heeft minstens 10 tekens en mag niet makkelijk te raden zijn.",
        body: r#"Het portaal controleert elk nieuw wachtwoord: het eerste via de welkomstmail, het wachtwoord dat u kiest na een tijdelijk wachtwoord, en een wijziging via **Account** → **Wachtwoord wijzigen**.

- Minstens 10 tekens en hoogstens 200.
- Niet makkelijk te raden: gangbare wachtwoorden, toetsenbordpatronen zoals "qwertyuiop" en uw eigen naam of e-mailadres worden geweigerd met "Dit wachtwoord is te makkelijk te raden."
- Er zijn geen regels voor cijfers, hoofdletters of leestekens. Lengte telt het meest: een zin van enkele losse woorden is sterk en makkelijk te onthouden.
- Een nieuw wachtwoord moet verschillen van het huidige.

Na het wijzigen van uw wachtwoord wordt u op uw andere apparaten afgemeld. Wachtwoorden worden alleen bewaard in een vorm die niet terug te lezen is; support kan u uw wachtwoord dus nooit vertellen. Vergeten? Gebruik **Wachtwoord vergeten?** op de aanmeldpagina."#,
    },
    // ---- 14. Case statuses (documentation) ----
    DemoArticle {
        topic: 14,
        number: 1141,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Case statuses explained",
        summary: "What New, In progress, Awaiting your reply, Solved and Closed mean, and how a case moves between them.",
        body: r#"Every case shows its status at the top of the case page and in the case lists, and you receive an email whenever it changes.

- **New**: the case has arrived and waits for an agent.
- **In progress**: support is working on it.
- **Awaiting your reply**: support needs more information. Add a comment to the case and it goes back to **In progress**.
- **Solved**: support proposes a solution, shown under **Resolution**. Confirm it with **My problem is solved**, or use **Reopen case** or a comment if it did not help.
- **Closed**: the case is finished and its contact receives the satisfaction survey. A solved case closes by itself after the number of days support has set.

For a new question after a case is closed, create a new case, or use **Clone** on the old one and mention its number."#,
    },
    DemoArticle {
        topic: 14,
        number: 1142,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Статусы обращений",
        summary: "Что означают статусы «Новое», «В работе», «Ожидает вашего ответа», «Решено» и «Закрыто» и как обращение переходит между ними.",
        body: r#"Статус обращения виден вверху его страницы и в списках обращений, а при каждом изменении статуса вам приходит письмо.

- **Новое** — обращение поступило и ждёт, когда его возьмёт сотрудник поддержки.
- **В работе** — поддержка занимается вашим вопросом.
- **Ожидает вашего ответа** — поддержке нужны дополнительные сведения. Добавьте комментарий, и обращение вернётся в статус **В работе**.
- **Решено** — поддержка предложила решение, оно указано в поле **Решение**. Подтвердите его кнопкой **Моя проблема решена** или, если оно не помогло, нажмите **Открыть обращение снова** либо напишите комментарий.
- **Закрыто** — работа завершена, контактному лицу отправляется опрос. Решённое обращение закрывается автоматически через заданное поддержкой число дней.

Если после закрытия возник новый вопрос, создайте новое обращение или нажмите **Клонировать** на старом и укажите его номер."#,
    },
    DemoArticle {
        topic: 14,
        number: 1143,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "De status van een dossier uitgelegd",
        summary: "Wat Nieuw, In behandeling, Wacht op uw reactie, Opgelost en Gesloten betekenen, en hoe een dossier van status verandert.",
        body: r#"Elk dossier toont zijn status bovenaan de dossierpagina en in de dossierlijsten. Bij elke statuswijziging ontvangt u een e-mail.

- **Nieuw**: het dossier is binnengekomen en wacht op een supportmedewerker.
- **In behandeling**: support werkt aan uw vraag.
- **Wacht op uw reactie**: support heeft meer informatie nodig. Voeg een opmerking toe en het dossier gaat terug naar **In behandeling**.
- **Opgelost**: support stelt een oplossing voor, te lezen bij **Oplossing**. Bevestig met **Mijn probleem is opgelost**, of gebruik **Dossier heropenen** of een opmerking als het niet geholpen heeft.
- **Gesloten**: het dossier is afgerond en de contactpersoon krijgt de tevredenheidsenquête. Een opgelost dossier sluit vanzelf na het aantal dagen dat support heeft ingesteld.

Hebt u na het sluiten een nieuwe vraag? Maak een nieuw dossier aan, of gebruik **Klonen** op het oude en vermeld het oude dossiernummer."#,
    },
    // ---- 15. Emails (documentation) ----
    DemoArticle {
        topic: 15,
        number: 1151,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Emails the portal sends you",
        summary: "Which emails you receive about your access and your cases, who receives them and in which language.",
        body: r#"The portal keeps you informed by email, so you need not keep checking the site:

- **Welcome to the customer portal**: your access, with a link to set your password.
- **Your temporary password for the customer portal**: after **Forgot password?**, valid for 24 hours.
- **Case …: created**: the confirmation with your 8-digit case number.
- **Case …: new comment**: someone else commented on your case.
- **Case … is now …**: the status changed.
- **Update on your case – solution proposed**: the proposed solution.
- **Case … is closed – how did we do?**: the satisfaction survey.

Emails about comments and status changes go to the case's contact and to everyone who clicked **Follow**, except the person who made the change. They are written in the language set for your contact. To answer, add a comment to the case in the portal."#,
    },
    DemoArticle {
        topic: 15,
        number: 1152,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Какие письма присылает портал",
        summary: "Какие письма приходят о доступе и об обращениях, кто их получает и на каком языке.",
        body: r#"Портал сообщает обо всём важном по электронной почте, поэтому проверять сайт постоянно не нужно:

- **Добро пожаловать на портал пользователя** — доступ открыт, в письме ссылка для задания пароля.
- **Временный пароль для портала пользователя** — после запроса «Забыли пароль?», действует 24 часа.
- **Обращение … создано** — подтверждение с восьмизначным номером.
- **Обращение …: новый комментарий** — кто-то прокомментировал ваше обращение.
- **Обращение …, новый статус** — изменился статус.
- **Обновление по вашему обращению – предложено решение** — предложенное решение.
- **Обращение … закрыто – оцените нашу помощь** — опрос об удовлетворённости.

Письма о комментариях и смене статуса получают контактное лицо и все, кто нажал **Подписаться**, кроме автора изменения. Язык писем — тот, что указан для вашего контакта. Чтобы ответить, добавьте комментарий к обращению на портале."#,
    },
    DemoArticle {
        topic: 15,
        number: 1153,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Welke e-mails het portaal u stuurt",
        summary: "Welke e-mails u krijgt over uw toegang en uw dossiers, wie ze ontvangt en in welke taal.",
        body: r#"Het portaal houdt u per e-mail op de hoogte:

- **Welkom bij het klantenportaal**: uw toegang, met een link om uw wachtwoord in te stellen.
- **Uw tijdelijke wachtwoord voor het klantenportaal**: na **Wachtwoord vergeten?**, 24 uur geldig.
- **Dossier … aangemaakt**: de bevestiging met uw dossiernummer van 8 cijfers.
- **Dossier …: nieuwe opmerking**: iemand anders heeft op uw dossier gereageerd.
- **Dossier … heeft nu de status …**: de status is gewijzigd.
- **Update over uw dossier – oplossing voorgesteld**: de voorgestelde oplossing.
- **Dossier … is gesloten – hoe hebben we het gedaan?**: de tevredenheidsenquête.

E-mails over opmerkingen en statuswijzigingen gaan naar de contactpersoon en naar iedereen die op **Volgen** klikte, behalve naar wie de wijziging zelf deed. Ze zijn in de taal die voor uw contactpersoon is ingesteld. Wilt u reageren, voeg dan een opmerking toe aan het dossier in het portaal."#,
    },
    // ---- 16. Albatros files (documentation) ----
    DemoArticle {
        topic: 16,
        number: 1161,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &["Albatros", "Albatros Archive"],
        title: "Albatros: sending export and archive files to support",
        summary: "How to send Albatros exports and Albatros Archive documents to support safely and within the portal's file limits.",
        body: r#"For some Albatros questions support needs to see the data itself, such as an export or a document from Albatros Archive. Attach these files to the case rather than sending them by email.

- Each file must stay within the limit shown under the upload area (25 MB unless your portal is set otherwise). For a larger export, narrow the period or compress the file into a ZIP archive.
- A case holds at most 20 files: combine many small files into one archive.
- Give each file a clear name, such as "export-march-invoices.csv".
- Send only what is needed and leave out personal data that does not matter for the question.

Attached files are visible to support and to colleagues who see your company's cases under **All cases**. Files support sends back appear in the case's **Attachments**, and under **Shared with me** when you attach files."#,
    },
    DemoArticle {
        topic: 16,
        number: 1162,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &["Albatros", "Albatros Archive"],
        title: "Albatros: как передать в поддержку файлы выгрузки и архива",
        summary: "Как безопасно отправить в поддержку выгрузки Albatros и документы из Albatros Archive, не выходя за ограничения портала.",
        body: r#"По некоторым вопросам об Albatros поддержке нужно увидеть сами данные — выгрузку или документ из Albatros Archive. Прикладывайте такие файлы к обращению, а не отправляйте отдельным письмом.

- Размер каждого файла — не больше лимита, указанного под областью загрузки (25 МБ, если на портале не задано иное). Если выгрузка больше, сократите период или упакуйте файл в ZIP-архив.
- К обращению можно приложить не более 20 файлов, поэтому много мелких файлов лучше объединить в один архив.
- Называйте файлы понятно, например «выгрузка-март-счета.csv».
- Отправляйте только необходимое и удаляйте персональные данные, которые не относятся к вопросу.

Вложения видят служба поддержки и коллеги, которым доступен список **Все обращения** вашей компании. Файлы от поддержки появляются в разделе **Вложения** обращения и на вкладке **Используемые совместно** при выборе файлов."#,
    },
    DemoArticle {
        topic: 16,
        number: 1163,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &["Albatros", "Albatros Archive"],
        title: "Albatros: exportbestanden en archiefdocumenten naar support sturen",
        summary: "Zo stuurt u exports uit Albatros en documenten uit Albatros Archive veilig naar support, binnen de limieten van het portaal.",
        body: r#"Soms moet support de gegevens zelf zien, bijvoorbeeld een export of een document uit Albatros Archive. Voeg zulke bestanden als bijlage toe aan het dossier in plaats van ze apart te mailen.

- Elk bestand moet binnen de limiet blijven die onder het uploadvak staat (25 MB, tenzij uw portaal anders is ingesteld). Is een export groter, kies dan een kortere periode of pak het bestand in als ZIP-archief.
- Een dossier bevat hoogstens 20 bestanden: bundel veel kleine bestanden in één archief.
- Geef elk bestand een duidelijke naam, zoals "export-maart-facturen.csv".
- Stuur alleen wat nodig is en laat persoonsgegevens weg die voor de vraag niet van belang zijn.

Bijlagen zijn zichtbaar voor support en voor collega's die de dossiers van uw bedrijf zien onder **Alle dossiers**. Bestanden van support verschijnen bij de **Bijlagen** van het dossier, en onder **Met mij gedeeld** wanneer u bestanden bijvoegt."#,
    },
    // ---- 17. Languages and browsers (documentation) ----
    DemoArticle {
        topic: 17,
        number: 1171,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Languages and browsers",
        summary: "The portal speaks English, Russian and Dutch, and works in current browsers, even with JavaScript switched off.",
        body: r#"**Languages.** Switch between EN, RU and NL with the language buttons in the page header; this browser remembers your choice. Emails are sent in the language set for your contact: to change it, ask support in a case.

**Knowledge base.** Articles exist in all three languages. Results in your language come first; the **Language** filter shows the others.

**Browsers.** The portal works in current versions of the common browsers, on computers, tablets and phones. Every page and form also works with JavaScript switched off, for example on locked-down company computers. Then:

- type the exact product name in **Product**: the portal checks it when you submit;
- choose attachments with **Upload files** instead of dragging them.

Your session, cases and files are the same whichever way you use the portal."#,
    },
    DemoArticle {
        topic: 17,
        number: 1172,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Языки интерфейса и браузеры",
        summary: "Портал работает на русском, английском и нидерландском языках в современных браузерах — даже с отключённым JavaScript.",
        body: r#"**Языки.** Переключайте язык кнопками EN, RU и NL в шапке страницы; браузер запомнит ваш выбор. Письма приходят на языке, указанном для вашего контакта, — чтобы его изменить, напишите в поддержку через обращение.

**База знаний.** Статьи есть на всех трёх языках. Статьи на вашем языке показываются первыми, остальные можно выбрать фильтром **Язык**.

**Браузеры.** Портал работает в актуальных версиях распространённых браузеров на компьютерах, планшетах и телефонах. Все страницы и формы работают и с отключённым JavaScript, например на компьютерах с жёсткими ограничениями. В этом случае:

- в поле **Продукт** введите точное название продукта — портал проверит его при отправке;
- выбирайте вложения кнопкой **Загрузить файлы**, а не перетаскиванием.

Учётная запись, обращения и файлы при этом те же самые."#,
    },
    DemoArticle {
        topic: 17,
        number: 1173,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &[],
        title: "Talen en browsers",
        summary: "Het portaal is beschikbaar in het Nederlands, Engels en Russisch en werkt in actuele browsers, ook zonder JavaScript.",
        body: r#"**Talen.** Wissel tussen NL, EN en RU met de taalknoppen bovenaan de pagina; deze browser onthoudt uw keuze. E-mails worden verstuurd in de taal die voor uw contactpersoon is ingesteld. Wilt u die wijzigen, vraag het dan via een dossier aan support.

**FAQ.** Artikelen bestaan in alle drie de talen. Artikelen in uw taal staan bovenaan; met de filter **Taal** ziet u de andere.

**Browsers.** Het portaal werkt in actuele versies van de gangbare browsers, op computer, tablet en telefoon. Alle pagina's en formulieren werken ook als JavaScript is uitgeschakeld, bijvoorbeeld op streng beveiligde bedrijfscomputers. U doet dan het volgende:

- typ in **Product** de exacte productnaam: het portaal controleert die bij het indienen;
- kies bijlagen met **Upload bestand** in plaats van ze te slepen.

Uw account, dossiers en bestanden blijven dezelfde, hoe u het portaal ook gebruikt."#,
    },
    // ---- 18. Qapter products (documentation) ----
    DemoArticle {
        topic: 18,
        number: 1181,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &[
            "Qapter claims",
            "Qapter",
            "Qapter ME",
            "Qapter offline",
            "QapterExpress",
        ],
        title: "Qapter products: which one to choose for your case",
        summary: "The Qapter family has several entries in the Product field; choosing the right one brings your case to the right specialists.",
        body: r#"Typing "Qap" in the **Product** field of a new case lists every Qapter product. Choose the one you were working in when the problem occurred:

- **Qapter claims**: claim handling and the estimates of a claim.
- **Qapter**: the estimating application itself.
- **Qapter ME**: the edition used on mobile devices.
- **Qapter offline**: the installation for working without a connection.
- **QapterExpress**: quick estimates for simple damage.

The list also holds Qapter Photo Estimate, Qapter Repair Planner and Qapter Analytics.

Not sure? Choose the closest product and say in **Description** where you saw the problem; support corrects the product if needed. Always add the claim or estimate number and a screenshot."#,
    },
    DemoArticle {
        topic: 18,
        number: 1182,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &[
            "Qapter claims",
            "Qapter",
            "Qapter ME",
            "Qapter offline",
            "QapterExpress",
        ],
        title: "Продукты Qapter: какой выбрать в обращении",
        summary: "В поле «Продукт» у семейства Qapter несколько позиций; правильный выбор помогает быстрее передать обращение нужным специалистам.",
        body: r#"Если ввести «Qap» в поле **Продукт** нового обращения, появятся все продукты Qapter. Выберите тот, в котором вы работали, когда возникла проблема:

- **Qapter claims** — урегулирование убытков и расчёты по ним;
- **Qapter** — само приложение для расчёта стоимости ремонта;
- **Qapter ME** — версия для мобильных устройств;
- **Qapter offline** — установка для работы без подключения к сети;
- **QapterExpress** — быстрый расчёт несложных повреждений.

В списке есть также Qapter Photo Estimate, Qapter Repair Planner и Qapter Analytics.

Сомневаетесь? Выберите наиболее подходящий продукт и напишите в поле **Описание**, где именно возникла проблема: при необходимости поддержка исправит продукт сама. Не забудьте номер убытка или расчёта и снимок экрана."#,
    },
    DemoArticle {
        topic: 18,
        number: 1183,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &[
            "Qapter claims",
            "Qapter",
            "Qapter ME",
            "Qapter offline",
            "QapterExpress",
        ],
        title: "Qapter-producten: welke kiest u voor uw dossier?",
        summary: "De Qapter-familie heeft meerdere producten in het veld Product; met de juiste keuze komt uw dossier sneller bij de juiste specialisten.",
        body: r#"Typt u "Qap" in het veld **Product** van een nieuw dossier, dan ziet u alle Qapter-producten. Kies het product waarin u werkte toen het probleem optrad:

- **Qapter claims**: schadebehandeling en de calculaties bij een schadedossier;
- **Qapter**: de calculatietoepassing zelf;
- **Qapter ME**: de versie voor mobiele toestellen;
- **Qapter offline**: de installatie om zonder verbinding te werken;
- **QapterExpress**: snelle calculaties bij eenvoudige schade.

In de lijst staan ook Qapter Photo Estimate, Qapter Repair Planner en Qapter Analytics.

Twijfelt u? Kies het product dat het dichtst in de buurt komt en vermeld in **Beschrijving** waar u het probleem zag; support past het product zo nodig aan. Voeg altijd het schade- of calculatienummer en een schermafdruk toe."#,
    },
    // ---- 19. Iris (documentation) ----
    DemoArticle {
        topic: 19,
        number: 1191,
        language: Language::En,
        category: ArticleCategory::Documentation,
        products: &["Iris", "Iris Analytics", "Iris Connect"],
        title: "Iris: what to include in a case",
        summary: "The details that let support look into an Iris, Iris Analytics or Iris Connect problem without asking back.",
        body: r#"Problems in Iris often depend on the data and the moment. With these details in your case, support can usually start at once:

- The product as listed in **Product**: Iris, Iris Analytics or Iris Connect.
- The report or screen, with the filters or period you chose.
- Date and time of the error, and whether colleagues see it too.
- For Iris Connect: the connected system and the reference of a message that failed.
- A screenshot of the whole screen, and an export of the report if its figures look wrong.

Leave out personal data that is not needed. If the case gets the status **Awaiting your reply**, add the missing details as a comment: the case goes straight back to **In progress**."#,
    },
    DemoArticle {
        topic: 19,
        number: 1192,
        language: Language::Ru,
        category: ArticleCategory::Documentation,
        products: &["Iris", "Iris Analytics", "Iris Connect"],
        title: "Iris: что указать в обращении",
        summary: "Сведения, с которыми поддержка сможет разобраться в проблеме Iris, Iris Analytics или Iris Connect без дополнительных вопросов.",
        body: r#"Проблемы в Iris часто зависят от данных и от момента, когда они возникли. Если указать в обращении следующее, поддержка, как правило, сразу возьмётся за работу:

- продукт так, как он назван в поле **Продукт**: Iris, Iris Analytics или Iris Connect;
- отчёт или экран, а также выбранные фильтры или период;
- дату и время ошибки и то, видят ли её коллеги;
- для Iris Connect — подключённую систему и идентификатор сообщения, которое не прошло;
- снимок всего экрана, а если цифры в отчёте кажутся неверными, — выгрузку отчёта.

Не прикладывайте лишних персональных данных. Если обращение перешло в статус **Ожидает вашего ответа**, добавьте недостающие сведения комментарием — и оно сразу вернётся в статус **В работе**."#,
    },
    DemoArticle {
        topic: 19,
        number: 1193,
        language: Language::Nl,
        category: ArticleCategory::Documentation,
        products: &["Iris", "Iris Analytics", "Iris Connect"],
        title: "Iris: wat u in een dossier vermeldt",
        summary: "De gegevens waarmee support een probleem in Iris, Iris Analytics of Iris Connect kan onderzoeken zonder u eerst vragen te stellen.",
        body: r#"Problemen in Iris hangen vaak af van de gegevens en het tijdstip. Met deze informatie in uw dossier kan support meestal meteen aan de slag:

- het product zoals het in **Product** staat: Iris, Iris Analytics of Iris Connect;
- het rapport of scherm, met de filters of periode die u koos;
- datum en tijdstip van de fout, en of collega's hem ook zien;
- bij Iris Connect: het gekoppelde systeem en de referentie van een bericht dat mislukte;
- een schermafdruk van het hele scherm, en een export van het rapport als de cijfers niet kloppen.

Laat persoonsgegevens weg die niet nodig zijn. Krijgt het dossier de status **Wacht op uw reactie**, voeg de ontbrekende gegevens dan toe als opmerking: het dossier gaat meteen terug naar **In behandeling**."#,
    },
    // ---- 20. Portico 1.0 (release notes) ----
    DemoArticle {
        topic: 20,
        number: 1201,
        language: Language::En,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.0: the new customer portal",
        summary: "The first release of the customer portal: signing in, creating cases and emails in three languages.",
        body: r#"Portico 1.0 replaces our previous support portal. What it brings:

- Sign in with your email address and password. New contacts receive a welcome email with a link to set their password.
- **Forgot password?** emails a temporary password that works for 24 hours; after signing in with it you choose a new password at once.
- **Change password** in the **Account** menu. Passwords need at least 10 characters and must not be easy to guess.
- After several wrong passwords in a short time, the portal asks you to wait before trying again.
- **Create case** with subject, description, product and country; product suggestions appear after three characters.
- Every case gets an 8-digit number and a confirmation email.
- The portal and its emails are available in English, Russian and Dutch.
- Every page also works without JavaScript."#,
    },
    DemoArticle {
        topic: 20,
        number: 1202,
        language: Language::Ru,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.0: новый клиентский портал",
        summary: "Первая версия клиентского портала: вход, создание обращений и письма на трёх языках.",
        body: r#"Portico 1.0 приходит на смену прежнему порталу поддержки. Что в нём есть:

- Вход по адресу электронной почты и паролю. Новые контакты получают приветственное письмо со ссылкой для задания пароля.
- По ссылке **Забыли пароль?** на почту приходит временный пароль, который действует 24 часа; после входа с ним сразу задаётся новый пароль.
- **Смена пароля** в меню **Учётная запись**. Пароль — не короче 10 символов, слишком простые пароли не принимаются.
- После нескольких неверных паролей подряд портал просит подождать перед следующей попыткой.
- **Создать обращение**: тема, описание, продукт и страна; подсказки по продуктам — после ввода трёх символов.
- Каждое обращение получает восьмизначный номер, подтверждение приходит на почту.
- Портал и письма доступны на русском, английском и нидерландском языках.
- Все страницы работают и без JavaScript."#,
    },
    DemoArticle {
        topic: 20,
        number: 1203,
        language: Language::Nl,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.0: het nieuwe klantenportaal",
        summary: "De eerste versie van het klantenportaal: aanmelden, dossiers aanmaken en e-mails in drie talen.",
        body: r#"Portico 1.0 vervangt ons vorige supportportaal. Dit is nieuw:

- Aanmelden met uw e-mailadres en wachtwoord. Nieuwe contactpersonen krijgen een welkomstmail met een link om hun wachtwoord in te stellen.
- Via **Wachtwoord vergeten?** ontvangt u een tijdelijk wachtwoord dat 24 uur geldig is; na het aanmelden kiest u meteen een nieuw wachtwoord.
- **Wachtwoord wijzigen** in het menu **Account**. Wachtwoorden hebben minstens 10 tekens en mogen niet makkelijk te raden zijn.
- Na meerdere foute wachtwoorden kort na elkaar vraagt het portaal u even te wachten.
- **Dossier aanmaken** met onderwerp, beschrijving, product en land; productsuggesties vanaf drie tekens.
- Elk dossier krijgt een nummer van 8 cijfers en een bevestigingsmail.
- Het portaal en de e-mails zijn beschikbaar in het Nederlands, Engels en Russisch.
- Alle pagina's werken ook zonder JavaScript."#,
    },
    // ---- 21. Portico 1.1 (release notes) ----
    DemoArticle {
        topic: 21,
        number: 1211,
        language: Language::En,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.1: attachments and case lists",
        summary: "Files on cases, the three case lists and the case page with comments.",
        body: r#"Portico 1.1 is about following up on your cases.

- **Attachments**: drag files onto the case form or click **Upload files**. Up to 20 files per case; the size limit per file is shown under the upload area.
- Attach a file again without uploading it, from the tabs **Owned by me**, **Shared with me** and **Recent**.
- Case lists **My cases**, **All cases** (all of your company's cases) and **Recently viewed**, with sorting, a status filter and **Search this list**.
- The case page shows the details of the case, **Case comments** and **Attachments**. Add comments, and add files with **Add to case**.
- You receive an email when someone else comments on your case."#,
    },
    DemoArticle {
        topic: 21,
        number: 1212,
        language: Language::Ru,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.1: вложения и списки обращений",
        summary: "Файлы в обращениях, три списка обращений и страница обращения с комментариями.",
        body: r#"Portico 1.1 упрощает работу с уже созданными обращениями.

- **Вложения**: перетащите файлы в форму обращения или нажмите **Загрузить файлы**. До 20 файлов на обращение; ограничение размера файла указано под областью загрузки.
- Файл можно прикрепить повторно, не загружая его заново, — с вкладок **Принадлежащие мне**, **Используемые совместно** и **Недавние**.
- Списки **Мои обращения**, **Все обращения** (все обращения вашей компании) и **Недавно просмотренные** с сортировкой, фильтром по статусу и полем **Поиск по данному списку**.
- На странице обращения — подробности, **Комментарии к обращению** и **Вложения**. Добавляйте комментарии, а файлы — кнопкой **Добавить к обращению**.
- Когда кто-то другой комментирует ваше обращение, вам приходит письмо."#,
    },
    DemoArticle {
        topic: 21,
        number: 1213,
        language: Language::Nl,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.1: bijlagen en dossierlijsten",
        summary: "Bestanden bij dossiers, de drie dossierlijsten en de dossierpagina met opmerkingen.",
        body: r#"Portico 1.1 maakt het opvolgen van uw dossiers eenvoudiger.

- **Bijlagen**: sleep bestanden naar het formulier of klik op **Upload bestand**. Maximaal 20 bestanden per dossier; de limiet per bestand staat onder het uploadvak.
- Voeg een bestand opnieuw toe zonder het te uploaden, via de tabbladen **Eigendom van mij**, **Met mij gedeeld** en **Recent**.
- De lijsten **Mijn dossiers**, **Alle dossiers** (alle dossiers van uw bedrijf) en **Recent bekeken**, met sorteren, een statusfilter en **Zoeken in deze lijst**.
- De dossierpagina toont de details, de **Caseopmerkingen** en de **Bijlagen**. Voeg opmerkingen toe, en bestanden met **Aan dossier toevoegen**.
- U krijgt een e-mail wanneer iemand anders een opmerking bij uw dossier plaatst."#,
    },
    // ---- 22. Portico 1.2 (release notes) ----
    DemoArticle {
        topic: 22,
        number: 1221,
        language: Language::En,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.2: statuses, solutions and the knowledge base",
        summary: "Case statuses with an email on every change, solution emails, the satisfaction survey and a searchable knowledge base.",
        body: r#"Portico 1.2 brings the whole life of a case into the portal.

- Statuses **New**, **In progress**, **Awaiting your reply**, **Solved** and **Closed**, with an email on every change.
- When support solves a case you receive the solution by email. A comment on a solved case reopens it.
- After a case is closed, its contact receives a short satisfaction survey (a rating from 1 to 5).
- **Knowledge base**: search the articles by every word you type, in any of the three languages. Each article has a 9-digit number, and support can add articles to your case.
- **Follow** a case to receive an email on every update, and open a **Printable view** of it."#,
    },
    DemoArticle {
        topic: 22,
        number: 1222,
        language: Language::Ru,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.2: статусы, решения и база знаний",
        summary: "Статусы обращений с письмом при каждом изменении, письма с решением, опрос об удовлетворённости и поиск по базе знаний.",
        body: r#"В Portico 1.2 весь путь обращения — от создания до закрытия — виден на портале.

- Статусы **Новое**, **В работе**, **Ожидает вашего ответа**, **Решено** и **Закрыто**; о каждом изменении приходит письмо.
- Когда поддержка решает обращение, решение приходит по почте. Комментарий к решённому обращению открывает его снова.
- После закрытия обращения контактное лицо получает короткий опрос (оценка от 1 до 5).
- **База знаний**: поиск по всем введённым словам на любом из трёх языков. У каждой статьи есть 9-значный номер, а поддержка может прикреплять статьи к вашему обращению.
- Кнопка **Подписаться** — письма о каждом изменении обращения; **Версия для печати** — для печати."#,
    },
    DemoArticle {
        topic: 22,
        number: 1223,
        language: Language::Nl,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.2: statussen, oplossingen en de FAQ",
        summary: "Dossierstatussen met een e-mail bij elke wijziging, oplossingen per e-mail, de tevredenheidsenquête en een doorzoekbare FAQ.",
        body: r#"Met Portico 1.2 volgt u een dossier van begin tot eind in het portaal.

- De statussen **Nieuw**, **In behandeling**, **Wacht op uw reactie**, **Opgelost** en **Gesloten**, met een e-mail bij elke wijziging.
- Lost support een dossier op, dan ontvangt u de oplossing per e-mail. Een opmerking bij een opgelost dossier heropent het.
- Na het sluiten krijgt de contactpersoon een korte tevredenheidsenquête (een score van 1 tot 5).
- **FAQ**: zoek op alle woorden die u typt, in elk van de drie talen. Elk artikel heeft een nummer van 9 cijfers, en support kan artikelen aan uw dossier toevoegen.
- **Volgen**: een e-mail bij elke wijziging van een dossier. Met **Afdrukweergave** drukt u een dossier netjes af."#,
    },
    // ---- 23. Portico 1.3 (release notes) ----
    DemoArticle {
        topic: 23,
        number: 1231,
        language: Language::En,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.3: close your own case, surveys by link",
        summary: "Confirm or reopen a solution with one click, answer surveys without signing in, and cases logged by phone or email.",
        body: r#"What is new in Portico 1.3:

- **My problem is solved** closes your case yourself; **Reopen case** sends a solved case back to **In progress**.
- Solved cases close automatically after a number of days set by support.
- The survey link in the closing email works without signing in, for 28 days, and can be answered once.
- Support can log a case for you when you call or email. You get the usual confirmation and every case email, even without portal access. The case page shows how a case came in under **Case origin**.
- **Clone** starts a new case with the subject, description, product and country of an existing one."#,
    },
    DemoArticle {
        topic: 23,
        number: 1232,
        language: Language::Ru,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.3: закрытие обращения клиентом и опрос по ссылке",
        summary: "Подтвердить решение или возобновить обращение можно одной кнопкой, опрос проходится без входа, а обращения принимаются и по телефону или почте.",
        body: r#"Что нового в Portico 1.3:

- Кнопка **Моя проблема решена** позволяет закрыть обращение самостоятельно, а **Открыть обращение снова** возвращает решённое обращение в статус **В работе**.
- Решённые обращения закрываются автоматически через заданное поддержкой число дней.
- Ссылка на опрос в письме о закрытии работает без входа на портал в течение 28 дней; ответить можно один раз.
- Если вы звоните или пишете в поддержку, сотрудник может создать обращение за вас. Вы получите обычное подтверждение и все письма по обращению, даже без доступа к порталу. На странице обращения в поле **Происхождение обращения** видно, как оно поступило.
- **Клонировать** создаёт новое обращение с темой, описанием, продуктом и страной существующего."#,
    },
    DemoArticle {
        topic: 23,
        number: 1233,
        language: Language::Nl,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.3: zelf uw dossier sluiten, enquête via een link",
        summary: "Een oplossing bevestigen of een dossier heropenen met één klik, de enquête invullen zonder aanmelden, en dossiers die telefonisch of per e-mail binnenkomen.",
        body: r#"Nieuw in Portico 1.3:

- Met **Mijn probleem is opgelost** sluit u uw dossier zelf; **Dossier heropenen** zet een opgelost dossier terug op **In behandeling**.
- Opgeloste dossiers worden automatisch gesloten na het aantal dagen dat support heeft ingesteld.
- De enquêtelink in de e-mail bij het sluiten werkt zonder aanmelden, 28 dagen lang, en kan één keer worden ingevuld.
- Belt of mailt u de Support Helpdesk, dan kan de supportmedewerker het dossier voor u aanmaken. U krijgt de gewone bevestiging en alle e-mails over het dossier, ook zonder portaaltoegang. Op de dossierpagina ziet u bij **Herkomst dossier** hoe het dossier binnenkwam.
- **Klonen** start een nieuw dossier met het onderwerp, de beschrijving, het product en het land van een bestaand dossier."#,
    },
    // ---- 24. Portico 1.4 (release notes) ----
    DemoArticle {
        topic: 24,
        number: 1241,
        language: Language::En,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.4: a knowledge base in four sections",
        summary: "Knowledge-base articles in four categories with filters and highlighted search words, and faster case lists.",
        body: r#"Portico 1.4 makes answers easier to find.

- The knowledge base has four sections: **User guides**, **Training videos**, **Documentation** and **Release notes**.
- Filter articles by **Category**, **Language** and **Product**.
- The words you searched for are highlighted in the results.
- **Help and documentation** in the **Account** menu leads straight to the knowledge base.
- Case lists open faster for companies with many cases; beyond 1,000 cases a list shows "1000+ items"."#,
    },
    DemoArticle {
        topic: 24,
        number: 1242,
        language: Language::Ru,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.4: база знаний из четырёх разделов",
        summary: "Статьи базы знаний в четырёх категориях с фильтрами и выделением найденных слов, а также более быстрые списки обращений.",
        body: r#"В Portico 1.4 ответы стало проще находить.

- База знаний разделена на четыре категории: **Руководства пользователя**, **Обучающие видеоролики**, **Документация** и **Примечания к выпуску**.
- Статьи можно фильтровать по полям **Категория**, **Язык** и **Продукт**.
- Найденные слова выделяются в результатах поиска.
- Пункт **Справка и документация** в меню **Учётная запись** ведёт прямо в базу знаний.
- Списки обращений открываются быстрее, даже если у компании много обращений; если их больше 1000, в списке указано «Элементов: 1000+»."#,
    },
    DemoArticle {
        topic: 24,
        number: 1243,
        language: Language::Nl,
        category: ArticleCategory::ReleaseNotes,
        products: &[],
        title: "Portico 1.4: een FAQ in vier rubrieken",
        summary: "FAQ-artikelen in vier categorieën, met filters en gemarkeerde zoekwoorden, en snellere dossierlijsten.",
        body: r#"Met Portico 1.4 vindt u antwoorden sneller.

- De FAQ heeft vier rubrieken: **Gebruikershandleidingen**, **Leervideo's**, **Documentatie** en **Releasenota's**.
- Filter artikelen op **Categorie**, **Taal** en **Product**.
- De gezochte woorden zijn gemarkeerd in de zoekresultaten.
- **Hulp en documentatie** in het menu **Account** brengt u meteen naar de FAQ.
- Dossierlijsten openen sneller bij bedrijven met veel dossiers; vanaf 1.000 dossiers toont een lijst "1000+ items"."#,
    },
];
