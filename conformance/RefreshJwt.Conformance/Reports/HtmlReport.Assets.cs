namespace RefreshJwt.Conformance.Reports;

/// <summary>The page's inline style and script: no fonts, images or scripts are fetched from anywhere.</summary>
public static partial class HtmlReport
{
    private const string Css = """

        :root { --pass: #1a7f37; --fail: #cf222e; --warn: #9a6700; --info: #0969da; --skip: #6e7781; --line: #d0d7de; --soft: #f6f8fa; }
        * { box-sizing: border-box; }
        body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
        h3 { font-size: 1rem; margin: 0 0 .25rem; display: flex; flex-wrap: wrap; gap: .4rem; align-items: baseline; }
        h4 { font-size: .9rem; margin: .75rem 0 .25rem; }
        code, pre { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        pre { white-space: pre-wrap; overflow-wrap: anywhere; background: var(--soft); border: 1px solid var(--line); border-radius: 4px; padding: .4rem .6rem; margin: 0; }
        code { overflow-wrap: anywhere; }
        a { color: var(--info); }
        .run { border-left: 6px solid var(--pass); background: var(--soft); border-radius: 6px; padding: .75rem 1rem; }
        .run.failed { border-color: var(--fail); }
        .run.passed #outcome { color: var(--pass); }
        .run.failed #outcome { color: var(--fail); }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .25rem 0; }
        dt { font-weight: 600; color: #57606a; }
        dd { margin: 0; min-width: 0; }
        .summary-line { font-weight: 700; font-size: 1.05rem; margin: .5rem 0 0; }
        .attention { margin: .5rem 0 0; }
        .attention a { text-decoration: none; }
        table { border-collapse: collapse; }
        th, td { border: 1px solid var(--line); padding: .2rem .6rem; text-align: left; vertical-align: top; }
        .counts td { text-align: right; min-width: 5.5rem; }
        .counts thead th, .counts tfoot th, .counts tfoot td { background: var(--soft); }
        .counts .zero { color: #8c959f; }
        .counts .failed:not(.zero) { color: var(--fail); font-weight: 700; }
        .counts .warnings:not(.zero) { color: var(--warn); font-weight: 700; }
        .badge { display: inline-block; min-width: 3.4rem; text-align: center; border-radius: 4px; padding: 0 .4rem; color: #fff; font-size: .75rem; font-weight: 700; letter-spacing: .03em; }
        .badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); } .badge.warn { background: var(--warn); }
        .badge.info { background: var(--info); } .badge.skip { background: var(--skip); }
        .filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; background: #fff; border-bottom: 1px solid var(--line); padding: .5rem 0; }
        .filters[hidden] { display: none; }
        .filters fieldset { border: 1px solid var(--line); border-radius: 6px; padding: .2rem .6rem; margin: 0; }
        .filters legend { font-size: .8rem; color: #57606a; }
        .filters label { margin-right: .6rem; white-space: nowrap; cursor: pointer; }
        .filters .n { color: #57606a; font-size: .8rem; }
        .buttons { display: flex; gap: .4rem; }
        .shown { color: #57606a; margin: .5rem 0; }
        .case { --c: var(--pass); border: 1px solid var(--line); border-left: 5px solid var(--c); border-radius: 6px; padding: .6rem 1rem; margin: .6rem 0; }
        .case[hidden] { display: none; }
        .case[data-verdict=fail] { --c: var(--fail); background: #fff8f8; }
        .case[data-verdict=warn] { --c: var(--warn); background: #fffbf0; }
        .case[data-verdict=info] { --c: var(--info); }
        .case[data-verdict=skip] { --c: var(--skip); color: #57606a; }
        .case-id { font-weight: 700; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .level { font-size: .75rem; border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; color: #57606a; }
        .title { flex: 1; }
        .duration { color: #57606a; font-weight: 400; font-size: .8rem; }
        .source { margin: 0 0 .35rem; color: #57606a; overflow-wrap: anywhere; }
        .why { margin: .35rem 0; white-space: pre-wrap; }
        .case[data-verdict=fail] .why strong { color: var(--fail); }
        .case[data-verdict=warn] .why strong { color: var(--warn); }
        .snapshot { margin: .35rem 0; }
        .snapshot.drifted, .snapshot.missing { color: var(--fail); }
        .diff .del, .snapshot .del { background: #ffebe9; }
        .diff .ins, .snapshot .ins { background: #dafbe1; }
        .diff span { display: block; white-space: pre-wrap; }
        .observations { margin: .35rem 0; }
        .observations caption { text-align: left; font-weight: 600; color: #57606a; }
        .observations th { font-weight: 400; }
        .observations td { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
        details { margin: .35rem 0 0; }
        summary { cursor: pointer; font-weight: 600; color: #57606a; }
        .exchange { border-top: 1px dashed var(--line); margin-top: .5rem; }
        .status { font-weight: 700; }
        .cut { color: #57606a; font-style: italic; }
        .transport-error { color: var(--fail); }
        @media print { .filters { display: none; } .case { break-inside: avoid; } }

        """;

    private const string Script = """

        // Filters: a case is shown while its level and its verdict are both ticked.
        const form = document.getElementById('filters');
        const shown = document.getElementById('shown');
        const cases = [...document.querySelectorAll('.case')];
        const ticked = kind => new Set([...form.querySelectorAll(`input[data-filter="${kind}"]:checked`)].map(i => i.value));
        function apply() {
          const levels = ticked('level'), verdicts = ticked('verdict');
          let count = 0;
          for (const c of cases) {
            c.hidden = !(levels.has(c.dataset.level) && verdicts.has(c.dataset.verdict));
            count += c.hidden ? 0 : 1;
          }
          shown.textContent = `${count} of ${cases.length} cases shown`;
        }
        form.addEventListener('change', apply);
        form.addEventListener('click', e => {
          const button = e.target.closest('button[data-evidence]');
          if (button) {
            document.querySelectorAll('.case details').forEach(d => d.open = button.dataset.evidence === 'open');
          }
        });
        form.hidden = false;
        apply();

        """;
}
