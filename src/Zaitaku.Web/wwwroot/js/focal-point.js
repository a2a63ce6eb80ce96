// Click (or tap) the image to set the focal point; the two number fields stay the way to do it
// without a pointer or without JavaScript, and this only fills them in.
(function () {
  "use strict";
  var image = document.getElementById("focal-image");
  var x = document.getElementById("FocalX");
  var y = document.getElementById("FocalY");
  if (!image || !x || !y) return;
  var marker = document.createElement("span");
  marker.className = "focal-marker";
  marker.setAttribute("aria-hidden", "true");
  image.parentNode.classList.add("media-preview--focal");
  image.parentNode.insertBefore(marker, image.nextSibling);
  function place() {
    marker.style.left = (parseFloat(x.value) || 0) + "%";
    marker.style.top = (parseFloat(y.value) || 0) * image.clientHeight / 100 + "px";
  }
  image.addEventListener("click", function (event) {
    var box = image.getBoundingClientRect();
    x.value = Math.round((event.clientX - box.left) / box.width * 100);
    y.value = Math.round((event.clientY - box.top) / box.height * 100);
    place();
  });
  x.addEventListener("input", place);
  y.addEventListener("input", place);
  if (image.complete) place(); else image.addEventListener("load", place);
})();
