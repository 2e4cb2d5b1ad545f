
namespace Roster.Server.AdminConsole;

/// <summary>
/// The console's only script (<c>/console/console.js</c>), for the activity page's live part: it opens the account's
/// event stream and adds each event on top, written as text (never as HTML). Every other page works without it.
/// </summary>
public static class ConsoleScript
{
    public const string Js = """
        "use strict";
        (() => {
          const live = document.getElementById("live");
          if (!live || !("EventSource" in window)) return;
          const list = live.querySelector("ol");
          const state = live.querySelector("[data-state]");
          const source = new EventSource(live.dataset.stream);
          source.onopen = () => { state.textContent = "Connected: new events appear here as they happen."; };
          source.onerror = () => {
            state.textContent = source.readyState === EventSource.CLOSED
              ? "The live view stopped (signed out?); reload the page."
              : "Reconnecting…";
          };
          source.onmessage = (message) => {
            const e = JSON.parse(message.data);
            const item = document.createElement("li");
            const details = document.createElement("details");
            const summary = document.createElement("summary");
            const type = document.createElement("strong");
            type.textContent = e.event;
            const facts = document.createElement("span");
            facts.className = "muted";
            facts.textContent = ` ${e.occurred_at} · ${e.subject_id ?? ""} · by ${e.operator_client_id ?? "Roster"}`;
            summary.append(type, facts);
            const payload = document.createElement("pre");
            payload.textContent = JSON.stringify(e.payload, null, 2);
            details.append(summary, payload);
            item.append(details);
            list.prepend(item);
          };
        })();
        """;
}
