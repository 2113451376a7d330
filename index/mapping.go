package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/standard"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
)

// mappingVersion is stored in the index. Open recreates an index written with
// another version (it is derived data; Reconcile refills it), so bump it
// whenever the mapping or the document built from an article changes.
const mappingVersion = "8"

// Field names. Text fields are analysed with the English analyzer; keyword
// fields hold whole values; the numeric and date fields serve range filters
// and sorts.
const (
	fTitle        = "title"
	fText         = "text"
	fSource       = "source"      // source ID, as in feeds.yaml state
	fSourceName   = "source_name" // source name, case-folded, so source= takes either
	fKind         = "kind"
	fRegulator    = "regulator"    // as written (ICO), for facets
	fRegulatorLC  = "regulator_lc" // case-folded, for the filter
	fAttack       = "attack"
	fControl      = "control" // "name" and "name:status"
	fMFA          = "mfa"
	fOrg          = "org"      // whole name, case-folded
	fOrgText      = "org_text" // words of the name, so org=advanced finds "Advanced Computer Software"
	fSector       = "sector"
	fCountry      = "country"
	fActor        = "actor"
	fCVE          = "cve"
	fFineCurrency = "fine_currency" // currencies of every fine
	fFineStatus   = "fine_status"   // statuses of every fine
	fFineCur      = "fine_cur"      // currency of the largest fine
	fFine         = "fine"          // largest fine, in fine_cur
	fFineEUR      = "fine_eur"      // largest fine in euros at its year's rate
	fAffected     = "affected"      // largest affected count
	fPublished    = "published"     // Article.Date()
	fFirstSeen    = "first_seen"
	fBadges       = "badges" // stored JSON of what a result shows; not indexed

	// Sort keys: one fixed-width keyword term per article with doc values.
	// Numeric and date fields index 16 prefix-coded terms per value, all of
	// which a sort on them would visit for every hit.
	fSortDate     = "sort_date"
	fSortFine     = "sort_fine"
	fSortAffected = "sort_affected"

	// fFacet holds every facet value of an article as "name=value" (for
	// example "regulator=ICO"), with doc values: one field visited per hit
	// instead of eight.
	fFacet = "facet"
)

const (
	analyzerEnglish = en.AnalyzerName
	analyzerFolded  = "keyword_folded"
)

// facetNames are the filters whose values are counted, in display order.
var facetNames = []string{"regulator", "kind", "source", "attack", "mfa", "control", "sector", "country"}

// newMapping builds the index mapping. Everything is explicit: no dynamic
// fields, no _all field, term vectors only on the two fields highlighted,
// doc values only where facets or sorts read them, and stored values only
// for the title and text (the highlighter reads them) and the badges blob.
func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(analyzerFolded, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = analyzerEnglish
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false

	text := func(store bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzerEnglish
		f.Store = store
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func(analyzer string, docValues bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeTermVectors = false
		f.IncludeInAll = false
		f.DocValues = docValues
		// Frequencies and norms are kept (SkipFreqNorm would make any
		// score of a filter term NaN: a zero frequency times an infinite
		// norm), though filters are boosted to next to nothing.
		return f
	}
	num := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	date := func(docValues bool) *mapping.FieldMapping {
		f := bleve.NewDateTimeFieldMapping()
		f.Store = false
		f.IncludeInAll = false
		f.DocValues = docValues
		return f
	}
	stored := bleve.NewTextFieldMapping()
	stored.Analyzer = keyword.Name
	stored.Index = false
	stored.Store = true
	stored.IncludeInAll = false
	stored.DocValues = false

	words := bleve.NewTextFieldMapping()
	words.Analyzer = standard.Name
	words.IncludeInAll = false
	words.DocValues = false

	dm := bleve.NewDocumentStaticMapping()
	add := func(name string, f *mapping.FieldMapping) { dm.AddFieldMappingsAt(name, f) }
	add(fTitle, text(true))
	add(fText, text(true))
	add(fSource, kw(keyword.Name, false))
	add(fSourceName, kw(analyzerFolded, false))
	add(fKind, kw(keyword.Name, false))
	add(fRegulator, kw(keyword.Name, false))
	add(fRegulatorLC, kw(analyzerFolded, false))
	add(fAttack, kw(keyword.Name, false))
	add(fControl, kw(keyword.Name, false))
	add(fMFA, kw(keyword.Name, false))
	add(fOrg, kw(analyzerFolded, false))
	add(fOrgText, words)
	add(fSector, kw(analyzerFolded, false))
	add(fCountry, kw(keyword.Name, false))
	add(fActor, kw(analyzerFolded, false))
	add(fCVE, kw(keyword.Name, false))
	add(fFineCurrency, kw(keyword.Name, false))
	add(fFineStatus, kw(keyword.Name, false))
	add(fFineCur, kw(keyword.Name, false))
	add(fFine, num(false))
	add(fFineEUR, num(false))
	add(fAffected, num(false))
	add(fPublished, date(false))
	add(fFirstSeen, date(false))
	add(fFacet, kw(keyword.Name, true))
	add(fSortDate, kw(keyword.Name, true))
	add(fSortFine, kw(keyword.Name, true))
	add(fSortAffected, kw(keyword.Name, true))
	add(fBadges, stored)

	// No _all composite field: every query names its fields.
	dm.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	im.DefaultMapping = dm
	im.DefaultField = fText
	if err := im.Validate(); err != nil {
		return nil, err
	}
	return im, nil
}
