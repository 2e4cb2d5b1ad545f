
namespace Roster.Server.AdminConsole;

/// <summary>The console's one stylesheet (served from <c>/console/console.css</c>): readable, visible focus, 4.5:1 contrast or more.</summary>
public static class ConsoleStyle
{
    public const string Css = """
        :root{--ink:#1d2330;--muted:#4f586a;--line:#d5dae3;--brand:#0b5cff;--brand-dark:#0942b8;--bad:#b42318;--bad-bg:#fef3f2;--ok:#05603a;--ok-bg:#ecfdf3}
        *{box-sizing:border-box}
        body{margin:0;background:#f3f5f9;color:var(--ink);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        a{color:var(--brand-dark)}
        a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,summary:focus-visible{outline:3px solid rgba(11,92,255,.45);outline-offset:2px}
        .skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
        .sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        .top{display:flex;flex-wrap:wrap;gap:8px 24px;align-items:center;padding:10px 24px;background:#fff;border-bottom:1px solid var(--line)}
        .brand{font-weight:700;color:var(--brand)}.brand span{color:var(--muted);font-weight:400}
        .top nav{display:flex;flex-wrap:wrap;gap:8px 16px}.top nav a{font-weight:600;text-decoration:none}.top nav a:hover{text-decoration:underline}
        .who{margin-left:auto;display:flex;gap:12px;align-items:center;color:var(--muted)}
        main{max-width:1100px;margin:0 auto;padding:24px}
        h1{font-size:1.5rem;margin:0 0 16px;overflow-wrap:anywhere}h2{font-size:1.15rem;margin:24px 0 8px}h3{font-size:1rem;margin:20px 0 4px}
        .muted,.hint{color:var(--muted)}.hint{font-size:.85rem;margin:4px 0 0}
        label,.label{display:block;font-weight:600;margin:12px 0 4px}
        input,select{padding:8px 10px;font:inherit;color:var(--ink);border:1px solid #8a94a6;border-radius:6px;background:#fff}
        input[type=checkbox]{width:18px;height:18px;margin:0 8px 0 0;vertical-align:middle}
        input[aria-invalid=true]{border-color:var(--bad)}
        input.wide{width:100%}
        button,.button{display:inline-block;padding:8px 14px;font:inherit;font-weight:600;color:#fff;background:var(--brand);border:1px solid var(--brand);border-radius:6px;cursor:pointer;text-decoration:none}
        button:hover,.button:hover{background:var(--brand-dark)}
        button.quiet{color:var(--brand-dark);background:#fff}button.quiet:hover{background:#eef3ff}
        button.danger{background:var(--bad);border-color:var(--bad)}
        .error{padding:10px 12px;border:1px solid #fecdca;border-radius:6px;background:var(--bad-bg);color:var(--bad)}
        .notice{padding:10px 12px;border:1px solid #abefc6;border-radius:6px;background:var(--ok-bg);color:var(--ok)}
        table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);border-radius:8px}
        caption{text-align:left;color:var(--muted);padding:6px 0}
        th,td{text-align:left;padding:8px 10px;border-bottom:1px solid var(--line);vertical-align:top;overflow-wrap:anywhere}
        td .muted{display:block;font-size:.8rem}.num{text-align:right;font-variant-numeric:tabular-nums}
        .filters{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-end;margin:0 0 16px}.filters>div{min-width:160px}
        .filters input[type=search]{width:320px;max-width:100%}
        .pager{display:flex;gap:16px;margin:12px 0}
        .cards{display:flex;flex-wrap:wrap;gap:24px}
        .card,.stack{background:#fff;border:1px solid var(--line);border-radius:10px;padding:20px 24px;min-width:320px;max-width:460px;flex:1}
        .card input,.stack input,.stack select{width:100%}.card button,.stack button{margin-top:16px}
        .facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;background:#fff;border:1px solid var(--line);border-radius:8px;padding:12px 16px}
        .facts dt{font-weight:600}.facts dd{margin:0}.picture{border-radius:50%;vertical-align:middle;margin-right:8px}
        .actions{display:flex;flex-wrap:wrap;gap:16px;align-items:flex-end;margin:12px 0}
        section>form,section>.inline{margin:12px 0}
        .inline{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}.inline label{margin:0 0 4px}
        details{background:#fff;border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:8px 16px}
        summary{font-weight:600;cursor:pointer;padding:4px 0}
        .settings{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(300px,100%),1fr));gap:4px 24px;padding:8px 0}
        .settings button{grid-column:1/-1;justify-self:start;margin-top:12px}
        .setting label{display:inline;font-weight:500}.setting select,.setting input:not([type=checkbox]){display:block;width:100%}
        .events{list-style:none;padding:0;margin:0}.events details{margin:4px 0}
        pre{background:#f7f8fb;border:1px solid var(--line);border-radius:6px;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem}
        .setting .label{font-weight:500}.readonly{font-size:.8rem;color:var(--muted);word-break:break-all}
        .settings .group{grid-column:1/-1;font-weight:700;margin:12px 0 0;padding-top:8px;border-top:1px solid var(--line)}
        .path{display:block;font:.75rem ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--muted);overflow-wrap:anywhere;margin:0 0 2px}
        @media (max-width:640px){
          .top{padding:10px 12px}.who{margin-left:0}main{padding:16px 12px}
          .filters>div{min-width:0;flex:1 1 100%}.filters input[type=search],.filters select{width:100%}
          .card,.stack{min-width:0}.facts{grid-template-columns:1fr}
          table.rows,table.rows tbody,table.rows tr{display:block}
          table.rows thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
          table.rows tr{border-bottom:1px solid var(--line);padding:6px 0}
          table.rows td{display:grid;grid-template-columns:6.5rem 1fr;gap:8px;border:0;padding:2px 10px}
          table.rows td::before{content:attr(data-label);font-weight:600;color:var(--muted)}
        }
        """;
}
