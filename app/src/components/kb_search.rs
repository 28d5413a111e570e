//! The knowledge-base search box (a GET form, so it works before hydration too): the home page's
//! and the knowledge base's, one search. On the knowledge base it also filters by category,
//! language and product.
use crate::components::form::filter_select;
use crate::components::icons::SearchIcon;
use crate::domain::Language;
use crate::domain::cases::ProductOption;
use crate::domain::knowledge::{ArticleCategory, Marked};
use crate::i18n::*;
use leptos::prelude::*;

/// The filters a search was made with, and the products offered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KbFilters {
    /// A category's code, if one is chosen.
    pub category: Option<String>,
    /// A language's code, if one is chosen.
    pub language: Option<String>,
    /// A product's id, if one is chosen.
    pub product: Option<String>,
    /// The products that published articles are about.
    pub products: Vec<ProductOption>,
}

/// Text with the search's words highlighted (`<mark>`).
pub fn marked(pieces: Vec<Marked>) -> impl IntoView {
    pieces
        .into_iter()
        .map(|m| {
            if m.hit {
                view! { <mark>{m.text}</mark> }.into_any()
            } else {
                m.text.into_any()
            }
        })
        .collect_view()
}

/// The name of a category in the current language.
pub fn category_label(i18n: leptos_i18n::I18nContext<Locale>, category: ArticleCategory) -> String {
    match category {
        ArticleCategory::UserGuides => t_string!(i18n, kb_category_user_guides),
        ArticleCategory::TrainingVideos => t_string!(i18n, kb_category_training_videos),
        ArticleCategory::Documentation => t_string!(i18n, kb_category_documentation),
        ArticleCategory::ReleaseNotes => t_string!(i18n, kb_category_release_notes),
    }
    .to_string()
}

/// Search field with a visible label and a magnifier button; with `filters`, the category,
/// language and product filters too.
#[component]
pub fn KbSearch(
    /// What the field shows at first.
    initial: String,
    /// The knowledge base's filters (none on the home page).
    #[prop(optional)]
    filters: Option<KbFilters>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filters = filters.map(|f| {
        let any = t_string!(i18n, kb_filter_any).to_string();
        let categories = ArticleCategory::ALL
            .iter()
            .map(|c| (c.code().to_string(), category_label(i18n, *c)))
            .collect();
        let languages = Language::ALL
            .iter()
            .map(|l| (l.code().to_string(), l.own_name().to_string()))
            .collect();
        let products = f
            .products
            .iter()
            .map(|p| (p.id.0.to_string(), p.name.clone()))
            .collect();
        view! {
            <fieldset class="kb-search__filters">
                <legend>{t!(i18n, kb_filters)}</legend>
                {filter_select(
                    "kb-category",
                    "category",
                    t_string!(i18n, kb_filter_category).to_string(),
                    any.clone(),
                    categories,
                    f.category,
                )}
                {filter_select(
                    "kb-language",
                    "language",
                    t_string!(i18n, kb_filter_language).to_string(),
                    any.clone(),
                    languages,
                    f.language,
                )}
                {filter_select(
                    "kb-product",
                    "product",
                    t_string!(i18n, kb_filter_product).to_string(),
                    any,
                    products,
                    f.product,
                )}
            </fieldset>
        }
    });
    view! {
        <form class="kb-search" method="get" action="/kb" role="search">
            <label for="kb-q" class="kb-search__label">
                {t!(i18n, kb_search_label)}
            </label>
            <div class="kb-search__row">
                <input id="kb-q" name="q" type="search" value=initial autocomplete="off" />
                <button type="submit" class="button button--primary">
                    <SearchIcon />
                    {t!(i18n, kb_search_button)}
                </button>
            </div>
            {filters}
        </form>
    }
}
