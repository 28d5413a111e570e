//! The knowledge base: search and read published articles (everyone signed in), and the articles
//! support attaches to a case, which everyone who may see the case sees in its related list.
use crate::backend::access::visible_case;
use crate::backend::auth::Actor;
use crate::backend::search::{self, Search};
use crate::backend::state::AppState;
use crate::backend::store::ArticleSearch;
use crate::backend::store::{ArticleRow, NewEvent, PUBLIC_KNOWLEDGE, VIDEO_HOSTS};
use crate::backend::{policy, services};
use crate::domain::CaseId;
use crate::domain::case_page::EventKind;
use crate::domain::cases::ProductOption;
use crate::domain::knowledge::{
    Article, ArticleCategory, ArticleFeedback, ArticleSummary, DeflectionMonth, KbOverview,
    KnowledgeSettings, Marked, SEARCH_RESULTS_MAX, SUGGESTIONS_MAX, format_article_number,
    parse_article_number,
};
use crate::domain::{Language, ProductId, UserId};
use crate::error::AppError;
use crate::messages::MessageKey;

/// The characters of body text a search result shows around its first match.
const SNIPPET_CHARS: usize = 220;

pub(super) fn summary(row: &ArticleRow) -> ArticleSummary {
    found(row, &Search::default())
}

/// `row` as a search result: the title with the search's words marked, and the summary, or when
/// only the body holds the words, the body's text around them.
fn found(row: &ArticleRow, search: &Search) -> ArticleSummary {
    let plain = |text: &str| {
        vec![Marked {
            text: text.to_string(),
            hit: false,
        }]
    };
    let (title_marked, snippet) = if search.is_empty() {
        (plain(&row.title), plain(&row.summary))
    } else {
        let summary = search::mark(row.language, &row.summary, search);
        let snippet = if summary.iter().any(|m| m.hit) || row.body.is_empty() {
            summary
        } else {
            search::snippet(row.language, &row.body, search, SNIPPET_CHARS)
        };
        (search::mark(row.language, &row.title, search), snippet)
    };
    ArticleSummary {
        number: format_article_number(row.number),
        title: row.title.clone(),
        summary: row.summary.clone(),
        language: row.language.code().to_string(),
        category: row.category,
        title_marked,
        snippet,
    }
}

/// A knowledge-base search as the reader asks it.
#[derive(Debug, Clone, Default)]
pub struct SearchInput {
    /// The words, as typed.
    pub query: String,
    /// Only this section (a code; anything else: every section).
    pub category: String,
    /// Only this language (a code; anything else: every language).
    pub language: String,
    /// Only articles about this product (its id; anything else: every product).
    pub product: String,
}

/// Published articles holding every word of the search, stemmed in each language (all of them,
/// newest first, without words), within the filters: those in the reader's language first, then
/// by the words in the title and the summary; one version of each translated article (the
/// reader's language when it matched); at most [`SEARCH_RESULTS_MAX`], matches marked.
pub async fn search(
    state: &AppState,
    actor: &Actor,
    input: &SearchInput,
) -> Result<Vec<ArticleSummary>, AppError> {
    let (_, reader) = reader(state, actor).await?;
    let search = Search::parse(&input.query);
    let filters = ArticleSearch {
        search: &search,
        reader,
        category: ArticleCategory::from_code(&input.category),
        language: Language::from_code(&input.language),
        product: input.product.parse::<i64>().ok().map(ProductId),
        limit: SEARCH_RESULTS_MAX,
    };
    find(state, &filters).await
}

/// Published articles that may answer what a customer is typing into a new case (its subject
/// and description): any of its words but the commonest, in the reader's language first, then
/// by the words in the title and the summary; at most [`SUGGESTIONS_MAX`], matches marked. None
/// for too few words.
pub async fn suggest(
    state: &AppState,
    actor: &Actor,
    text: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    let user = policy::require(actor, policy::can_read_knowledge)?;
    let search = Search::parse_any(text);
    if search.is_empty() {
        return Ok(Vec::new());
    }
    let filters = ArticleSearch {
        search: &search,
        reader: state.store.get_user(user).await?.language,
        category: None,
        language: None,
        product: None,
        limit: 3 * SUGGESTIONS_MAX as i64,
    };
    let mut found = find(state, &filters).await?;
    found.truncate(SUGGESTIONS_MAX);
    Ok(found)
}

/// The articles `filters` asks for, one version of each translated article (the first found of
/// its group, which is the reader's language when that version matched: it sorts first).
async fn find(
    state: &AppState,
    filters: &ArticleSearch<'_>,
) -> Result<Vec<ArticleSummary>, AppError> {
    let rows = state.store.search_articles(filters).await?;
    let mut groups = std::collections::HashSet::new();
    Ok(rows
        .iter()
        .filter(|row| row.translation_group.is_none_or(|g| groups.insert(g)))
        .map(|row| found(row, filters.search))
        .collect())
}

/// How long after opening a suggested article a case of the same person means it did not answer.
pub const DEFLECTION_WINDOW: chrono::Duration = chrono::Duration::hours(1);

/// Records that the reader opened published article `number` from the suggestions of the
/// new-case form (the deflection figure).
pub async fn suggestion_opened(
    state: &AppState,
    actor: &Actor,
    number: &str,
) -> Result<(), AppError> {
    let reader = policy::require(actor, policy::can_read_knowledge)?;
    let row = published(state, number).await?;
    let now = chrono::Utc::now();
    state
        .store
        .record_suggestion_open(reader, row.id, now, now + DEFLECTION_WINDOW)
        .await?;
    Ok(())
}

/// The deflection figure of the last twelve months (admins), the latest month first: suggestions
/// opened from the new-case form, and how many no case of the same person followed within
/// [`DEFLECTION_WINDOW`]. Months without any are left out.
pub async fn deflection(state: &AppState, actor: &Actor) -> Result<Vec<DeflectionMonth>, AppError> {
    policy::require(actor, policy::can_read_satisfaction)?;
    let since = chrono::Utc::now() - chrono::Duration::days(366);
    let mut months: Vec<DeflectionMonth> = Vec::new();
    for (at, deflected) in state.store.suggestion_opens(since).await? {
        let month = at.format("%Y-%m").to_string();
        if months.last().is_none_or(|m| m.month != month) {
            months.push(DeflectionMonth {
                month,
                opened: 0,
                deflected: 0,
            });
        }
        if let Some(m) = months.last_mut() {
            m.opened += 1;
            m.deflected += i64::from(deflected);
        }
    }
    months.reverse();
    Ok(months)
}

/// What the knowledge base holds: every category with its count of published articles, and the
/// products that published articles are about (browsing, and the search's filters).
pub async fn overview(state: &AppState, actor: &Actor) -> Result<KbOverview, AppError> {
    reader(state, actor).await?;
    let counts = state.store.article_categories().await?;
    let categories = ArticleCategory::ALL
        .iter()
        .map(|c| {
            let n = counts.iter().find(|(k, _)| k == c).map_or(0, |(_, n)| *n);
            (*c, n)
        })
        .collect();
    let products = state
        .store
        .article_products()
        .await?
        .into_iter()
        .map(|(id, name)| ProductOption { id, name })
        .collect();
    Ok(KbOverview {
        categories,
        products,
    })
}

/// The published article numbered `number`; `NotFound` for any other number.
pub async fn article(state: &AppState, actor: &Actor, number: &str) -> Result<Article, AppError> {
    let (reader, _) = reader(state, actor).await?;
    let row = published(state, number).await?;
    let mut translations = state.store.article_translations(&row).await?;
    translations.retain(|t| t.published);
    let author = match row.author_id {
        Some(id) => Some(state.store.get_user(id).await?.name),
        None => None,
    };
    let feedback = feedback(state, &row, reader).await?;
    Ok(Article {
        translations: translations.iter().map(summary).collect(),
        head: summary(&row),
        body_html: body_html(state, &row.body).await?,
        files: article_files(state, row.id).await?,
        followed_files: match actor.signed_in() {
            Ok(me) if policy::can_follow_files(actor) => {
                Some(state.store.followed_files(me).await?)
            }
            _ => None,
        },
        body: row.body,
        updated_at: row.updated_at.to_rfc3339(),
        author,
        revision: row.revision,
        feedback,
        can_edit: policy::can_write_articles(actor),
        can_rate: policy::can_rate_articles(actor),
    })
}

/// Whether admins made the knowledge base public.
pub async fn is_public(state: &AppState) -> Result<bool, AppError> {
    Ok(state.store.knowledge_is_public().await?)
}

/// The knowledge base's settings (admins).
pub async fn settings(state: &AppState, actor: &Actor) -> Result<KnowledgeSettings, AppError> {
    policy::require(actor, policy::can_change_settings)?;
    Ok(KnowledgeSettings {
        public: is_public(state).await?,
        video_hosts: state.store.video_hosts().await?,
    })
}

/// The most hosts admins may allow to embed players.
pub const VIDEO_HOSTS_MAX: usize = 20;

/// Saves the knowledge base's settings (admins): `public` opens the published articles to people
/// without an account; `video_hosts` (host names or addresses, separated by spaces, commas or
/// lines) are the hosts whose players articles may embed. Field error: `video_hosts`.
pub async fn save_settings(
    state: &AppState,
    actor: &Actor,
    public: bool,
    video_hosts: &str,
) -> Result<KnowledgeSettings, AppError> {
    let me = policy::require(actor, policy::can_change_settings)?;
    let mut hosts: Vec<String> = Vec::new();
    for item in video_hosts
        .split([' ', ',', '\n', '\r', '\t'])
        .filter(|s| !s.is_empty())
    {
        let host = if item.contains("://") {
            crate::backend::markdown::embed_host(item)
        } else {
            let host = item.trim_end_matches('/').to_ascii_lowercase();
            crate::backend::markdown::valid_host(&host).then_some(host)
        };
        match host {
            Some(host) if !hosts.contains(&host) => hosts.push(host),
            Some(_) => {}
            None => return Err(AppError::field("video_hosts", MessageKey::VideoHostInvalid)),
        }
    }
    if hosts.len() > VIDEO_HOSTS_MAX {
        return Err(AppError::field("video_hosts", MessageKey::VideoHostInvalid));
    }
    let store = &state.store;
    let public_value = if public { "on" } else { "off" };
    services::audit::set_setting(store, me, PUBLIC_KNOWLEDGE, public_value).await?;
    services::audit::set_setting(store, me, VIDEO_HOSTS, &hosts.join(" ")).await?;
    tracing::info!(
        public,
        hosts = hosts.len(),
        "knowledge base settings changed"
    );
    Ok(KnowledgeSettings {
        public,
        video_hosts: hosts,
    })
}

/// An article's text as readers see it: Markdown rendered and sanitized, with the players of the
/// hosts admins allowed (the page's `frame-src` then lets exactly those through).
pub async fn body_html(state: &AppState, markdown: &str) -> Result<String, AppError> {
    // Only a text that names another site can embed a player: most never read the setting.
    if !markdown.contains("https://") {
        return Ok(crate::backend::markdown::render(markdown));
    }
    let hosts = state.store.video_hosts().await?;
    let html = crate::backend::markdown::render_with(markdown, &hosts);
    if html.contains("<iframe") {
        crate::backend::allow_frames(&hosts);
    }
    Ok(html)
}

/// A file of an article as readers see it.
pub async fn article_files(
    state: &AppState,
    article: crate::domain::ArticleId,
) -> Result<Vec<crate::domain::attachments::FileInfo>, AppError> {
    Ok(state
        .store
        .article_attachments(article)
        .await?
        .iter()
        .map(super::attachments::info)
        .collect())
}

/// Who reads the published articles ([`policy::can_read_published_articles`]): someone signed
/// in, with their language; or, when the knowledge base is public, anyone, in the language of
/// the request. `Unauthenticated` otherwise.
async fn reader(state: &AppState, actor: &Actor) -> Result<(Option<UserId>, Language), AppError> {
    // The setting is read only for someone who needs it.
    let public = !policy::can_read_knowledge(actor) && is_public(state).await?;
    if !policy::can_read_published_articles(actor, public) {
        policy::authorize(actor, false)?;
    }
    match actor.signed_in() {
        Ok(user) => Ok((Some(user), state.store.get_user(user).await?.language)),
        Err(_) => Ok((None, crate::backend::auth::request_language())),
    }
}

/// The published article numbered `number` (as people type it); `NotFound` for any other.
async fn published(state: &AppState, number: &str) -> Result<ArticleRow, AppError> {
    let number = parse_article_number(number).ok_or(AppError::NotFound)?;
    state
        .store
        .published_article(number)
        .await?
        .ok_or(AppError::NotFound)
}

async fn feedback(
    state: &AppState,
    article: &ArticleRow,
    reader: Option<crate::domain::UserId>,
) -> Result<ArticleFeedback, AppError> {
    let v = state.store.article_votes(article.id, reader).await?;
    Ok(ArticleFeedback {
        votes: v.votes,
        helpful: v.helpful,
        mine: v.mine,
    })
}

/// Records the reader's answer to "Was this helpful?" on the published article numbered
/// `number` (`helpful`: "yes" or "no"; a second answer replaces the first). Returns the votes.
pub async fn rate(
    state: &AppState,
    actor: &Actor,
    number: &str,
    helpful: &str,
) -> Result<ArticleFeedback, AppError> {
    let reader = policy::require(actor, policy::can_rate_articles)?;
    let row = published(state, number).await?;
    let helpful = match helpful {
        "yes" => true,
        "no" => false,
        _ => return Err(AppError::field("helpful", MessageKey::BadRequest)),
    };
    state
        .store
        .set_article_vote(row.id, reader, helpful, chrono::Utc::now())
        .await?;
    feedback(state, &row, Some(reader)).await
}

/// The articles attached to a case the caller may see (for the case page).
pub async fn for_case(state: &AppState, case: CaseId) -> Result<Vec<ArticleSummary>, AppError> {
    Ok(state
        .store
        .case_articles(case)
        .await?
        .iter()
        .map(summary)
        .collect())
}

/// Attaches article `article` (its number) to case `number` (support staff). Another company's or
/// a missing case is `NotFound`; a customer is `Forbidden`; an unknown article is a field error
/// on `article`. Returns the case's articles.
pub async fn attach(
    state: &AppState,
    actor: &Actor,
    number: &str,
    article: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    // Asked before the case is read: a customer learns nothing, not even whether it exists.
    let user = policy::require(actor, policy::can_attach_articles)?;
    let case = visible_case(&state.store, actor, number).await?;
    let found = match parse_article_number(article) {
        Some(n) => state.store.published_article(n).await?,
        None if article.trim().is_empty() => {
            return Err(AppError::field("article", MessageKey::ArticleRequired));
        }
        None => None,
    };
    let found = found.ok_or_else(|| AppError::field("article", MessageKey::ArticleUnknown))?;
    let event = article_event(EventKind::ArticleAttached, &found);
    state
        .store
        .set_case_article(case.id, found.id, true, user, chrono::Utc::now(), &event)
        .await?;
    for_case(state, case.id).await
}

/// Detaches article `article` from case `number` (support staff); rules as for [`attach`].
pub async fn detach(
    state: &AppState,
    actor: &Actor,
    number: &str,
    article: &str,
) -> Result<Vec<ArticleSummary>, AppError> {
    let user = policy::require(actor, policy::can_attach_articles)?;
    let case = visible_case(&state.store, actor, number).await?;
    let number = parse_article_number(article).ok_or(AppError::NotFound)?;
    let found = state
        .store
        .published_article(number)
        .await?
        .ok_or(AppError::NotFound)?;
    let event = article_event(EventKind::ArticleRemoved, &found);
    state
        .store
        .set_case_article(case.id, found.id, false, user, chrono::Utc::now(), &event)
        .await?;
    for_case(state, case.id).await
}

/// The history entry for attaching or removing `article`: its number and title (customers see
/// the case's articles, so the entry is public).
pub(super) fn article_event(kind: EventKind, article: &ArticleRow) -> NewEvent {
    NewEvent {
        kind,
        old_value: String::new(),
        new_value: format!(
            "{} {}",
            format_article_number(article.number),
            article.title
        ),
        public: true,
    }
}
