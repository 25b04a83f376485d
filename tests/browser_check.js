/* browser_check.js - appended by tests/report.sh to a copy of a report (the report itself has no
 * scripts) and run by headless Chromium with the browser's own fonts and layout. It writes what
 * it finds into a new pre element with id flujo-check, one finding per line, for the shell to
 * read from the DOM:
 *   TEXT <tab> text     every text the page shows (HTML and SVG), for the lane names
 *   OVERLAP <tab> a <tab> b    two labels of the diagram (or of a chart) drawn over each other
 *   COVERS <tab> label <tab> shape   a label drawn over a task, gateway or event
 *   OUTSIDE <tab> text <tab> task    a task's own text spilling out of its box
 *   CROSSES <tab> label <tab> line   a flow of the diagram, or a mark or interval of a chart,
 *                        drawn through a label
 *   COUNT <tab> n        how many labels of the diagram were looked at
 *   UNSEEN <tab> text    a label of the diagram with no size (no font to draw it with?)
 *   SMALL <tab> px <tab> view   the overview draws the diagram's smallest text under 9 px
 *   OVERVIEW <tab> n <tab> px   how many overview windows, and the smallest text they show */
(function () {
    'use strict';
    var out = [];
    var TOL = 1; /* pixels two boxes may share before they count as drawn over each other */

    function inter(a, b) {
        var w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        var h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        return w > TOL && h > TOL;
    }
    function inside(a, b) {
        return a.left >= b.left - TOL && a.right <= b.right + TOL && a.top >= b.top - TOL &&
               a.bottom <= b.bottom + TOL;
    }
    function label(el) {
        return el.textContent.replace(/\s+/g, ' ').trim();
    }
    function shown(r) {
        return r.width > 0 && r.height > 0;
    }

    var body = document.body.innerText.split('\n');
    for (var i = 0; i < body.length; i++) {
        if (body[i].trim() !== '') {
            out.push('TEXT\t' + body[i].trim());
        }
    }
    var svgText = document.querySelectorAll('svg text');
    for (i = 0; i < svgText.length; i++) {
        if (shown(svgText[i].getBoundingClientRect())) {
            out.push('TEXT\t' + label(svgText[i]));
        }
    }

    function overlaps(root) {
        var texts = Array.prototype.slice.call(root.querySelectorAll('text'));
        var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
        for (var a = 0; a < texts.length; a++) {
            for (var b = a + 1; b < texts.length; b++) {
                if (shown(boxes[a]) && shown(boxes[b]) && inter(boxes[a], boxes[b])) {
                    out.push('OVERLAP\t' + label(texts[a]) + '\t' + label(texts[b]));
                }
            }
        }
        return texts.length;
    }
    /* lines (sequence flows, the plazo marks) through labels: points every 2 user units along
     * each line, in page coordinates, strictly inside a label's box */
    function crossings(root, selector, name) {
        var texts = Array.prototype.slice.call(root.querySelectorAll('text'));
        var boxes = texts.map(function (t) { return t.getBoundingClientRect(); });
        var lines = root.querySelectorAll(selector);
        for (var l = 0; l < lines.length; l++) {
            var g = lines[l], ctm = g.getScreenCTM(), len = g.getTotalLength();
            var hit = {};
            for (var at = 0; at <= len; at += 2) {
                var p = g.getPointAtLength(at);
                var x = ctm.a * p.x + ctm.c * p.y + ctm.e, y = ctm.b * p.x + ctm.d * p.y + ctm.f;
                x += window.scrollX;
                y += window.scrollY;
                for (var t = 0; t < texts.length; t++) {
                    var b = boxes[t];
                    if (!hit[t] && shown(b) && x > b.left + window.scrollX + TOL &&
                        x < b.right + window.scrollX - TOL && y > b.top + window.scrollY + TOL &&
                        y < b.bottom + window.scrollY - TOL) {
                        hit[t] = true;
                        out.push('CROSSES\t' + label(texts[t]) + '\t' + name(g));
                    }
                }
            }
        }
    }
    var charts = document.querySelectorAll('svg.chart');
    for (i = 0; i < charts.length; i++) {
        overlaps(charts[i]);
        crossings(charts[i], 'line.plazo', function () { return 'plazo line'; });
        crossings(charts[i], 'path.whisker', function () { return 'interval whisker'; });
    }

    var svg = document.querySelector('svg.bpmn');
    if (svg === null) {
        out.push('OVERLAP\tno diagram\t');
    } else {
        out.push('COUNT\t' + overlaps(svg));
        crossings(svg, 'polyline.flow', function (g) {
            return 'the flow through ' + g.getAttribute('points');
        });
        var all = svg.querySelectorAll('text'), j;
        for (i = 0; i < all.length; i++) {
            if (!shown(all[i].getBoundingClientRect())) {
                out.push('UNSEEN\t' + label(all[i]));
            }
        }
        /* labels outside the shapes: event, gateway and flow labels against every shape */
        var shapes = Array.prototype.slice.call(
            svg.querySelectorAll('rect.task, .gw, .ev-start, .ev-mid, .ev-end'));
        var shapeBoxes = shapes.map(function (s) { return s.getBoundingClientRect(); });
        var free = svg.querySelectorAll('text.lbl, text.flbl');
        for (i = 0; i < free.length; i++) {
            var b = free[i].getBoundingClientRect();
            for (j = 0; j < shapes.length; j++) {
                if (shown(b) && inter(b, shapeBoxes[j])) {
                    var owner = shapes[j].parentNode.querySelector('title');
                    out.push('COVERS\t' + label(free[i]) + '\t' +
                             (owner !== null ? label(owner) : shapes[j].getAttribute('class')));
                }
            }
        }
        /* a task's name and figures stay inside its box */
        var tasks = svg.querySelectorAll('rect.task');
        for (i = 0; i < tasks.length; i++) {
            var box = tasks[i].getBoundingClientRect();
            var own = tasks[i].parentNode.querySelectorAll('text.tname, text.tstat');
            for (j = 0; j < own.length; j++) {
                if (!inside(own[j].getBoundingClientRect(), box)) {
                    out.push('OUTSIDE\t' + label(own[j]) + '\t' +
                             label(tasks[i].parentNode.querySelector('title')));
                }
            }
        }
    }
    /* the overview windows show the drawing (by reference) at a scale where its smallest text,
     * the least font size of its texts, stays at 9 px or more */
    var least = Infinity, drawn = document.querySelectorAll('#bpmn-drawing text');
    for (i = 0; i < drawn.length; i++) {
        least = Math.min(least, parseFloat(getComputedStyle(drawn[i]).fontSize));
    }
    var views = document.querySelectorAll('svg.overview'), smallest = Infinity;
    for (i = 0; i < views.length; i++) {
        var vb = views[i].viewBox.baseVal, px = least * views[i].getBoundingClientRect().width / vb.width;
        smallest = Math.min(smallest, px);
        if (px < 9) {
            out.push('SMALL\t' + px.toFixed(1) + '\t' + vb.x + ' ' + vb.y + ' ' + vb.width + ' ' + vb.height);
        }
    }
    out.push('OVERVIEW\t' + views.length + '\t' + smallest.toFixed(1));
    var pre = document.createElement('pre');
    pre.id = 'flujo-check';
    pre.textContent = '\n' + out.join('\n') + '\n';
    document.body.appendChild(pre);
})();
