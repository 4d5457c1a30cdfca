<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BrowseModel</name>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n issue(s)</source>
        <translation>
            <numerusform>%n issue</numerusform>
            <numerusform>%n issues</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportFlow</name>
    <message numerus="yes">
        <source>The selected search results (%n article(s))</source>
        <translation>
            <numerusform>The selected search results (%n article)</numerusform>
            <numerusform>The selected search results (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>All %n result(s) of this search</source>
        <translation>
            <numerusform>The one result of this search</numerusform>
            <numerusform>All %n results of this search</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Collection “{name}” (%n article(s))</source>
        <translation>
            <numerusform>Collection “{name}” (%n article)</numerusform>
            <numerusform>Collection “{name}” (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Page {page} of {date} (%n article(s))</source>
        <translation>
            <numerusform>Page {page} of {date} (%n article)</numerusform>
            <numerusform>Page {page} of {date} (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The whole issue of {date} (%n article(s))</source>
        <translation>
            <numerusform>The whole issue of {date} (%n article)</numerusform>
            <numerusform>The whole issue of {date} (%n articles)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s), one file each, into {folder}</source>
        <translation>
            <numerusform>Exported %n article into {folder}</numerusform>
            <numerusform>Exported %n articles, one file each, into {folder}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported %n article(s) to {file}</source>
        <translation>
            <numerusform>Exported %n article to {file}</numerusform>
            <numerusform>Exported %n articles to {file}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IndexKeeper</name>
    <message numerus="yes">
        <source>Search index rebuilt: %n article(s)</source>
        <translation>
            <numerusform>Search index rebuilt: %n article</numerusform>
            <numerusform>Search index rebuilt: %n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>IssuePagesModel</name>
    <message numerus="yes">
        <source>%n article(s)</source>
        <translation>
            <numerusform>%n article</numerusform>
            <numerusform>%n articles</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message numerus="yes">
        <source>%n article(s) found</source>
        <translation>
            <numerusform>%n article found</numerusform>
            <numerusform>%n articles found</numerusform>
        </translation>
    </message>
</context>
</TS>
