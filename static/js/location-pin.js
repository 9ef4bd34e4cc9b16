/*
 * The editor's pin map for a sociale kaart location (LocationPinPanel).
 *
 * Clicking the map or dragging the pin writes the latitude and longitude
 * fields of the same location; typing in those fields moves the pin; the
 * button asks the geocoder for the typed address. Locations added with
 * "Locatie toevoegen" get their map when Wagtail inserts them.
 */
(function () {
  "use strict";

  var PIN_ZOOM = 17;

  function byId(id) {
    return id ? document.getElementById(id) : null;
  }

  function readPoint(latitudeInput, longitudeInput) {
    var lat = parseFloat(latitudeInput.value.replace(",", "."));
    var lng = parseFloat(longitudeInput.value.replace(",", "."));
    if (!isFinite(lat) || !isFinite(lng)) {
      return null;
    }
    return L.latLng(lat, lng);
  }

  function setUp(element) {
    if (element.dataset.pinReady || !window.L || !window.buurtpleinMap) {
      return;
    }
    var latitudeInput = byId(element.dataset.latitudeInput);
    var longitudeInput = byId(element.dataset.longitudeInput);
    var canvas = element.querySelector("[data-pin-map-canvas]");
    if (!latitudeInput || !longitudeInput || !canvas) {
      return;
    }
    element.dataset.pinReady = "true";
    element.hidden = false;

    var settings = JSON.parse(element.dataset.mapSettings);
    var map = window.buurtpleinMap.create(canvas, settings);
    var icon = window.buurtpleinMap.icon(settings);
    var marker = null;
    var status = element.querySelector("[data-pin-status]");

    function write(point) {
      latitudeInput.value = point.lat.toFixed(6);
      longitudeInput.value = point.lng.toFixed(6);
      [latitudeInput, longitudeInput].forEach(function (input) {
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
    }

    function place(point) {
      if (marker) {
        marker.setLatLng(point);
        return;
      }
      marker = L.marker(point, { icon: icon, draggable: true, autoPan: true });
      marker.on("dragend", function () {
        write(marker.getLatLng());
      });
      marker.addTo(map);
    }

    map.on("click", function (event) {
      place(event.latlng);
      write(event.latlng);
    });
    [latitudeInput, longitudeInput].forEach(function (input) {
      input.addEventListener("input", function () {
        var point = readPoint(latitudeInput, longitudeInput);
        if (point) {
          place(point);
          map.setView(point, Math.max(map.getZoom(), PIN_ZOOM));
        }
      });
    });

    var start = readPoint(latitudeInput, longitudeInput);
    if (start) {
      map.setView(start, PIN_ZOOM);
      place(start);
    } else {
      map.setView(settings.centre, settings.zoom);
    }

    var lookup = element.querySelector("[data-pin-lookup]");
    lookup.addEventListener("click", function () {
      var address = element.dataset.addressInputs
        .split(" ")
        .map(byId)
        .filter(Boolean)
        .map(function (input) {
          return input.value.trim();
        })
        .filter(Boolean)
        .join(", ");
      var url = element.dataset.lookupUrl + "?adres=" + encodeURIComponent(address);
      status.textContent = "…";
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          return response.json();
        })
        .then(function (answer) {
          if (answer.error) {
            status.textContent = answer.error;
            return;
          }
          var point = L.latLng(
            parseFloat(answer.latitude),
            parseFloat(answer.longitude)
          );
          place(point);
          write(point);
          map.setView(point, PIN_ZOOM);
          status.textContent = answer.message;
        })
        .catch(function () {
          status.textContent = element.dataset.lookupFailed || "";
        });
    });

    // A map drawn while its panel was collapsed or hidden has no size yet.
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        map.invalidateSize();
      }).observe(canvas);
    }
  }

  function scan(root) {
    if (root.matches && root.matches("[data-pin-map]")) {
      setUp(root);
    }
    root.querySelectorAll("[data-pin-map]").forEach(setUp);
  }

  function start() {
    scan(document);
    new MutationObserver(function (mutations) {
      mutations.forEach(function (mutation) {
        mutation.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE) {
            scan(node);
          }
        });
      });
    }).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
