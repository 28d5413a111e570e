-- Admins add, rename and import products now: the folded name (Unicode lower-casing, done in the
-- app) is unique too, so "Ünit" and "ünit" cannot both exist where lower() folds ASCII only.
CREATE UNIQUE INDEX products_search_name_key ON products (search_name);
