/*
 * The sociale kaart's maps, drawn over what the page already lists.
 *
 * Each element with data-map names the JSON script holding its markers
 * (data-map-markers) and carries the tile settings (data-map-settings). Without
 * JavaScript, or when Leaflet did not load, the section stays hidden and the
 * list with its addresses is the whole page.
 */
(function () {
  "use strict";

  // Built with textContent: names and addresses are residents' and editors'
  // text and must never become HTML.
  function popupContent(marker) {
    var content = document.createElement("div");
    var title = document.createElement(marker.url ? "a" : "strong");
    title.textContent = marker.title;
    if (marker.url) {
      title.href = marker.url;
    }
    content.appendChild(title);
    [marker.place, marker.address].forEach(function (line) {
      if (line) {
        content.appendChild(document.createElement("br"));
        content.appendChild(document.createTextNode(line));
      }
    });
    return content;
  }

  function drawMap(element) {
    var source = document.getElementById(element.dataset.mapMarkers);
    if (!source || element.dataset.mapReady) {
      return;
    }
    var settings = JSON.parse(element.dataset.mapSettings);
    var markers = JSON.parse(source.textContent);
    if (!markers.length) {
      return;
    }
    var section = element.closest("[data-map-section]");
    if (section) {
      section.hidden = false;
    }
    var map = window.buurtpleinMap.create(element, settings, {
      scrollWheelZoom: false,
      zoomControl: false,
    });
    // The zoom buttons in the page's language (Leaflet's own say "Zoom in").
    L.control
      .zoom({
        zoomInTitle: element.dataset.zoomIn || "Zoom in",
        zoomOutTitle: element.dataset.zoomOut || "Zoom out",
      })
      .addTo(map);
    var icon = window.buurtpleinMap.icon(settings);
    var points = markers.map(function (marker) {
      L.marker([marker.lat, marker.lng], {
        icon: icon,
        title: marker.title,
        alt: marker.title,
      })
        .bindPopup(popupContent(marker))
        .addTo(map);
      return [marker.lat, marker.lng];
    });
    if (points.length === 1) {
      map.setView(points[0], 16);
    } else {
      map.fitBounds(points, { padding: [24, 24], maxZoom: 16 });
    }
    element.dataset.mapReady = "true";
  }

  if (!window.L || !window.buurtpleinMap) {
    return;
  }
  document.querySelectorAll("[data-map]").forEach(drawMap);
})();
