// MusicGen's small progressive enhancements. Every page works without this file (forms and links);
// with it: live progress, waveform players, copy buttons, drag reordering and a few conveniences.
(() => {
    "use strict";

    const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));
    const terminal = new Set(["Completed", "Failed", "Canceled"]);

    function clock(seconds) {
        const total = Math.round(seconds);
        return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
    }

    // Error summaries take the focus so keyboard and screen-reader users land on them.
    const autofocus = document.querySelector("[data-autofocus]");
    if (autofocus) autofocus.focus();

    // Length slider: show the value as m:ss while dragging.
    for (const slider of $$("[data-length-slider]")) {
        const output = slider.form?.querySelector("[data-length-output]");
        const update = () => {
            const text = clock(Number(slider.value));
            if (output) output.textContent = text;
            slider.setAttribute("aria-valuetext", text);
        };
        slider.addEventListener("input", update);
    }

    // "Surprise me" picks a seed here instead of a round trip.
    for (const button of $$("[data-surprise]")) {
        button.addEventListener("click", (event) => {
            const seed = button.form?.querySelector("[name='Input.Seed']");
            if (!seed) return;
            event.preventDefault();
            seed.value = String(1 + Math.floor(Math.random() * 2147483646));
            seed.focus();
        });
    }

    // Destructive forms ask first.
    function confirmForms(root) {
        for (const form of $$("form[data-confirm]", root)) {
            form.addEventListener("submit", (event) => {
                if (!window.confirm(form.dataset.confirm)) event.preventDefault();
            });
        }
    }

    // Copy buttons: data-copy names the input whose value is copied.
    for (const button of $$("[data-copy]")) {
        button.addEventListener("click", async () => {
            const source = document.querySelector(button.dataset.copy);
            if (!source) return;
            try {
                await navigator.clipboard.writeText(source.value);
            } catch {
                source.select();
                document.execCommand("copy");
            }
            const label = button.textContent;
            button.textContent = "Copied";
            button.setAttribute("aria-live", "polite");
            setTimeout(() => { button.textContent = label; }, 2000);
        });
    }

    // Live progress: the Web relays the API's Server-Sent Events. When the generation finishes, the page
    // fetches its own server rendering and swaps it in, so players and downloads appear without a reload
    // (and without losing the place on the page); only if that fetch fails does it reload.
    for (const card of $$("[data-generation-events]")) {
        const source = new EventSource(card.dataset.generationEvents);
        const bar = card.querySelector("[data-progress-bar]");
        const status = card.querySelector("[data-progress-status]");
        const stage = card.querySelector("[data-progress-stage]");
        const percent = card.querySelector("[data-progress-percent]");
        source.addEventListener("status", (message) => {
            const event = JSON.parse(message.data);
            const value = terminal.has(event.status) && event.status === "Completed" ? 100 : event.progress;
            if (bar) { bar.value = value; bar.textContent = `${value} %`; }
            if (status) status.textContent = event.status;
            if (stage) stage.textContent = event.stage ? ` · ${event.stage}` : "";
            if (percent) percent.textContent = String(value);
            if (terminal.has(event.status)) {
                source.close();
                refreshInPlace(card.closest("[data-live-region]"), event.status);
            }
        });
    }

    async function refreshInPlace(region, status) {
        if (!region) { window.location.reload(); return; }
        // The API may answer the page a moment before the finished state is readable everywhere: try a few times.
        for (let attempt = 0; attempt < 5; attempt++) {
            try {
                const response = await fetch(window.location.href, { credentials: "same-origin", headers: { Accept: "text/html" } });
                if (!response.ok) break;
                const fresh = new DOMParser().parseFromString(await response.text(), "text/html");
                const replacement = fresh.querySelector("[data-live-region]");
                if (!replacement) break;
                if (replacement.querySelector("[data-generation-events]") && attempt < 4) {
                    await new Promise((resolve) => setTimeout(resolve, 1000));
                    continue;
                }
                const node = document.importNode(replacement, true);
                region.replaceWith(node);
                document.title = fresh.title || document.title;
                enhance(node);
                const announcement = document.querySelector("[data-live-announcement]");
                if (announcement) announcement.textContent = status === "Completed" ? "Finished: the takes are ready to play." : `The generation is ${status.toLowerCase()}.`;
                return;
            } catch {
                break;
            }
        }
        window.location.reload();
    }

    // Players: waveform from the track's peaks, a playhead that follows the audio, click (or Enter) to seek.
    function setUpPlayer(figure) {
        const audio = figure.querySelector("audio");
        const canvas = figure.querySelector("[data-waveform]");
        if (!audio || !canvas) return;
        let peaks = [];
        try { peaks = JSON.parse(canvas.dataset.peaks || "[]"); } catch { peaks = []; }
        const styles = getComputedStyle(document.documentElement);
        const played = styles.getPropertyValue("--accent").trim() || "#2f5d8a";
        const rest = styles.getPropertyValue("--muted").trim() || "#5a616b";

        function draw() {
            const ratio = window.devicePixelRatio || 1;
            const width = canvas.clientWidth;
            const height = canvas.clientHeight;
            if (canvas.width !== Math.round(width * ratio)) {
                canvas.width = Math.round(width * ratio);
                canvas.height = Math.round(height * ratio);
            }
            const context = canvas.getContext("2d");
            context.setTransform(ratio, 0, 0, ratio, 0, 0);
            context.clearRect(0, 0, width, height);
            const position = audio.duration > 0 ? audio.currentTime / audio.duration : 0;
            const bars = Math.max(1, Math.floor(width / 3));
            for (let i = 0; i < bars; i++) {
                const peak = peaks.length ? peaks[Math.floor(i * peaks.length / bars)] : 0.15;
                const barHeight = Math.max(2, Math.min(1, Math.abs(peak)) * (height - 4));
                context.fillStyle = i / bars < position ? played : rest;
                context.globalAlpha = i / bars < position ? 1 : 0.45;
                context.fillRect(i * 3, (height - barHeight) / 2, 2, barHeight);
            }
            context.globalAlpha = 1;
            context.fillStyle = played;
            context.fillRect(Math.min(width - 2, position * width), 0, 2, height);
        }

        let frame = 0;
        const loop = () => { draw(); if (!audio.paused) frame = requestAnimationFrame(loop); };
        audio.addEventListener("play", () => { cancelAnimationFrame(frame); loop(); });
        for (const name of ["pause", "seeked", "loadedmetadata", "timeupdate", "ended"]) audio.addEventListener(name, draw);
        canvas.addEventListener("click", (event) => {
            const rect = canvas.getBoundingClientRect();
            const fraction = Math.min(1, Math.max(0, (event.clientX - rect.left) / rect.width));
            const seek = () => { audio.currentTime = fraction * audio.duration; draw(); };
            if (audio.duration > 0) seek();
            else { audio.preload = "metadata"; audio.addEventListener("loadedmetadata", seek, { once: true }); audio.load(); }
        });
        window.addEventListener("resize", draw);
        draw();
    }
    // What a server-rendered fragment needs once it is in the page: the first load, or a live refresh.
    function enhance(root) {
        confirmForms(root);
        $$("[data-player]", root).forEach(setUpPlayer);
    }
    enhance(document);

    // Only one player sounds at a time; in a playlist the next track starts when one ends.
    document.addEventListener("play", (event) => {
        for (const other of $$("audio")) if (other !== event.target) other.pause();
    }, true);
    for (const list of $$("[data-play-through]")) {
        const players = $$("audio", list);
        players.forEach((audio, index) => audio.addEventListener("ended", () => {
            const next = players[index + 1];
            if (next) { next.preload = "auto"; next.play(); }
        }));
        const start = document.querySelector(`[data-play-all="${list.id}"]`);
        if (start) start.addEventListener("click", () => players[0]?.play());
    }

    // Drag to reorder: moving an item rewrites the order form's hidden inputs and submits it.
    for (const list of $$("[data-reorder-list]")) {
        const form = document.getElementById(list.dataset.reorderForm);
        let dragged = null;
        for (const item of $$("[data-reorder-item]", list)) {
            item.draggable = true;
            item.addEventListener("dragstart", (event) => {
                dragged = item;
                item.classList.add("dragging");
                event.dataTransfer.effectAllowed = "move";
                event.dataTransfer.setData("text/plain", item.dataset.reorderItem);
            });
            item.addEventListener("dragend", () => item.classList.remove("dragging"));
            item.addEventListener("dragover", (event) => {
                if (!dragged || dragged === item) return;
                event.preventDefault();
                const rect = item.getBoundingClientRect();
                const after = event.clientY > rect.top + rect.height / 2;
                list.insertBefore(dragged, after ? item.nextSibling : item);
            });
            item.addEventListener("drop", (event) => event.preventDefault());
        }
        list.addEventListener("drop", () => {
            if (!form || !dragged) return;
            dragged = null;
            $$("input[data-order]", form).forEach((input) => input.remove());
            $$("[data-reorder-item]", list).forEach((item, index) => {
                const input = document.createElement("input");
                input.type = "hidden";
                input.name = `Order[${index}]`;
                input.value = item.dataset.reorderItem;
                input.dataset.order = "";
                form.appendChild(input);
            });
            form.requestSubmit();
        });
    }
})();
